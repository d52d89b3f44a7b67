import {notPorted} from '../helpers/not-ported.js'

export default notPorted("f327e877e423", "e1ff4973a9eb", "Index FlowRun.flow_runner_type")
