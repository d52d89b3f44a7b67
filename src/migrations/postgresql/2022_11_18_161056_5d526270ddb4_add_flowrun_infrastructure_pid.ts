import {notPorted} from '../helpers/not-ported.js'

export default notPorted("5d526270ddb4", "8caf7c1fd82c", "Add FlowRun.infrastructure_pid")
