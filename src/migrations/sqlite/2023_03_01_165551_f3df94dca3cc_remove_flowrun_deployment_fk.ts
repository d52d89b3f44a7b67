import {notPorted} from '../helpers/not-ported.js'

export default notPorted("f3df94dca3cc", "8d148e44e669", "remove_flowrun_deployment_fk")
