import {notPorted} from '../helpers/not-ported.js'

export default notPorted("0a1250a5aa25", "2882cd2df466", "Expand work queue table")
