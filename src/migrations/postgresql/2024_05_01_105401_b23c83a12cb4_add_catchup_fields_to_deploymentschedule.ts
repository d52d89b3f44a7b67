import {notPorted} from '../helpers/not-ported.js'

export default notPorted("b23c83a12cb4", "8905262ec07f", "add catchup fields to DeploymentSchedule")
