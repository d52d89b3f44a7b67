import {notPorted} from '../helpers/not-ported.js'

export default notPorted("7f5f335cace3", "71a57ec351d1", "Add flow_run.state_name")
