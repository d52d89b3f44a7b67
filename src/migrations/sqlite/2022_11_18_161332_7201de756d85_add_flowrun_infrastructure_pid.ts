import {notPorted} from '../helpers/not-ported.js'

export default notPorted("7201de756d85", "4f90ad6349bd", "Add FlowRun.infrastructure_pid")
