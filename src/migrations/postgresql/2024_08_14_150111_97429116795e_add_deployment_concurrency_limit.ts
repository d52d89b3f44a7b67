import {notPorted} from '../helpers/not-ported.js'

export default notPorted("97429116795e", "7495a5013e7e", "add_deployment_concurrency_limit")
