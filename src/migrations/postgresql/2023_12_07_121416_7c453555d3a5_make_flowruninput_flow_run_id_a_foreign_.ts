import {notPorted} from '../helpers/not-ported.js'

export default notPorted("7c453555d3a5", "733ca1903976", "Make `FlowRunInput.flow_run_id` a foreign key to `flow_run`")
