import {notPorted} from '../helpers/not-ported.js'

export default notPorted("bad1e352c597", "7218aad17905", "Add index on event_resources(occurred) for vacuum performance")
