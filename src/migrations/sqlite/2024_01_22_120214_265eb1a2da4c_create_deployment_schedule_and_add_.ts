import {notPorted} from '../helpers/not-ported.js'

export default notPorted("265eb1a2da4c", "c63a0a6dc787", "Create `deployment_schedule` and add `Deployment.paused`")
