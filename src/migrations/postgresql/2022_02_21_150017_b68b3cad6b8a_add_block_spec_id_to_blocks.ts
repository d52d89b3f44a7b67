import {notPorted} from '../helpers/not-ported.js'

export default notPorted("b68b3cad6b8a", "d115556a8ab6", "Add block_spec_id to blocks")
