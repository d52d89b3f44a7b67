import {notPorted} from '../helpers/not-ported.js'

export default notPorted("53c19b31aa09", "24bb2e4a195c", "Fix name on concurrency_limit.tag index.")
