import {notPorted} from '../helpers/not-ported.js'

export default notPorted("c2d001b7dd06", "5b0bd3b41a23", "Adds heartbeat_interval_seconds column to worker table")
