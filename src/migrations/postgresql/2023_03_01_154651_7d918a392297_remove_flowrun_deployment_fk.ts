import {notPorted} from '../helpers/not-ported.js'

export default notPorted("7d918a392297", "cfdfec5d7557", "remove_flowrun_deployment_fk")
