import {notPorted} from '../helpers/not-ported.js'

export default notPorted("20fbd53b3cef", "a8e62d4c72cf", "add catchup fields to DeploymentSchedule")
