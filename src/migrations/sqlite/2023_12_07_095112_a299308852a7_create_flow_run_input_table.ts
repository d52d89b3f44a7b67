import {notPorted} from '../helpers/not-ported.js'

export default notPorted("a299308852a7", "9c493c02ca6d", "Create `flow_run_input` table")
