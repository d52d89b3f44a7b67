import {notPorted} from '../helpers/not-ported.js'

export default notPorted("14806cb26270", "79e7a60e43d8", "Add index on event_resources(event_id) for vacuum performance")
