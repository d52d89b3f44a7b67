import {notPorted} from '../helpers/not-ported.js'

export default notPorted("09a9e091e578", "a1b2c3d4e5f6", "Add composite index on task_run(state_type, start_time)")
