import {notPorted} from '../helpers/not-ported.js'

export default notPorted("05ea6f882b1d", "8167af8df781", "Make flow_run_id nullable on task_run and log tables")
