import {notPorted} from '../helpers/not-ported.js'

export default notPorted("e1ff4973a9eb", "4c4a6a138053", "Add block_spec table")
