import {notPorted} from '../helpers/not-ported.js'

export default notPorted("50f8c182c3ca", "5f623ddbf7fe", "Adds heartbeat_interval_seconds column to worker table")
