import {notPorted} from '../helpers/not-ported.js'

export default notPorted("05ea6f882b1d", "4e9a6f93eb6c", "Make flow_run_id nullable on task_run and log tables")
