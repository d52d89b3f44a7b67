import {notPorted} from '../helpers/not-ported.js'

export default notPorted("a1b2c3d4e5f7", "9e83011d1f2a", "Add expression index for per-schedule scheduler query")
