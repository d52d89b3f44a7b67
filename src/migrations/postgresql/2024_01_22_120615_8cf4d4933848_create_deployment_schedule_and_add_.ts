import {notPorted} from '../helpers/not-ported.js'

export default notPorted("8cf4d4933848", "6b63c51c31b4", "Create `deployment_schedule` and add `Deployment.paused`")
