import {notPorted} from '../helpers/not-ported.js'

export default notPorted("9e2a1c08c6f1", "2d900af9cd07", "Add block schema indexes")
