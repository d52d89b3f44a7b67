import {notPorted} from '../helpers/not-ported.js'

export default notPorted("a0284438370e", "af52717cf201", "Add index for scheduled deployments")
