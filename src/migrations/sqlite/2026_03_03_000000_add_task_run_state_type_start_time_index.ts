import {notPorted} from '../helpers/not-ported.js'

export default notPorted("4dfa692e02a7", "a1b2c3d4e5f7", "Add composite index on task_run(state_type, start_time)")
