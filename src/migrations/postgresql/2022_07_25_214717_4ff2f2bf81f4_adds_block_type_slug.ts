import {notPorted} from '../helpers/not-ported.js'

export default notPorted("4ff2f2bf81f4", "e085c9cbf8ce", "Adds block type slug")
