import {notPorted} from '../helpers/not-ported.js'

export default notPorted("605ebb4e9155", "2e7e1428ffce", "Add flow_run.state_name")
