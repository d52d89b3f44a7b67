import {notPorted} from '../helpers/not-ported.js'

export default notPorted("f416ea180ae1", "14806cb26270", "Add index on flow_run(deployment_id)")
