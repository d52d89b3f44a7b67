import {notPorted} from '../helpers/not-ported.js'

export default notPorted("d115556a8ab6", "4799f657a6a1", "Index FlowRun.flow_runner_type")
