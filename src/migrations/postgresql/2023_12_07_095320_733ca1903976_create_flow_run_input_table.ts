import {notPorted} from '../helpers/not-ported.js'

export default notPorted("733ca1903976", "9c493c02ca6d", "Create `flow_run_input` table")
