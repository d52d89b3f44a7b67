import {notPorted} from '../helpers/not-ported.js'

export default notPorted("50737cdaee36", "bad1e352c597", "Add index on event_resources(event_id) for vacuum performance")
