import {notPorted} from '../helpers/not-ported.js'

export default notPorted("7737221bf8a4", "97e212ea6545", "Fix name on concurrency_limit.tag index.")
