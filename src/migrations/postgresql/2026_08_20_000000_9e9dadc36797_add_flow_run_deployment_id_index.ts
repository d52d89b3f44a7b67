import {notPorted} from '../helpers/not-ported.js'

export default notPorted("9e9dadc36797", "50737cdaee36", "Add index on flow_run(deployment_id)")
