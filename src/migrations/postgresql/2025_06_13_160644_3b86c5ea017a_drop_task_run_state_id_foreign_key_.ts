import {notPorted} from '../helpers/not-ported.js'

export default notPorted("3b86c5ea017a", "aa1234567890", "Drop task_run state_id foreign key constraint")
