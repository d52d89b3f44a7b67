import {notPorted} from '../helpers/not-ported.js'

export default notPorted("b9bda9f142f1", "f92143d30c27", "Expand work queue table")
