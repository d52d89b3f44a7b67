import {notPorted} from '../helpers/not-ported.js'

export default notPorted("8bb517bae6f9", "bb2345678901", "Drop task_run state_id foreign key constraint")
