import {notPorted} from '../helpers/not-ported.js'

export default notPorted("5f623ddbf7fe", "15f5083c16bd", "Create concurrency_limit_v2 table")
