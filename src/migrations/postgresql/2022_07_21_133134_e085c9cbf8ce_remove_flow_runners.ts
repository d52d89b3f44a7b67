import {notPorted} from '../helpers/not-ported.js'

export default notPorted("e085c9cbf8ce", "0cf7311d6ea6", "Remove flow runners")
