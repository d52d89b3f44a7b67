import {notPorted} from '../helpers/not-ported.js'

export default notPorted("824e9edafa60", "2b6c2b548f95", "Add `events` and `event_resources` tables")
