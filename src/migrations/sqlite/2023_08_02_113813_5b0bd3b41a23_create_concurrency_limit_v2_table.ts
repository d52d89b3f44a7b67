import {notPorted} from '../helpers/not-ported.js'

export default notPorted("5b0bd3b41a23", "2dbcec43c857", "Create concurrency_limit_v2 table")
