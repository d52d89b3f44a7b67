import {notPorted} from '../helpers/not-ported.js'

export default notPorted("35659cc49969", "a299308852a7", "Make `FlowRunInput.flow_run_id` a foreign key to `flow_run`")
