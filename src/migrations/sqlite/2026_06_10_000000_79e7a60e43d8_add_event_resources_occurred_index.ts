import {notPorted} from '../helpers/not-ported.js'

export default notPorted("79e7a60e43d8", "2095de406cbe", "Add index on event_resources(occurred) for vacuum performance")
