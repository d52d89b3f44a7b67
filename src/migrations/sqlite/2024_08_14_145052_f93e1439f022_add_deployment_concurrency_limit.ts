import {notPorted} from '../helpers/not-ported.js'

export default notPorted("f93e1439f022", "354f1ede7e9f", "add_deployment_concurrency_limit")
