import {notPorted} from '../helpers/not-ported.js'

export default notPorted("8644a9595a08", "07ed05dfd4ec", "add_deployment_version_to_flow_run")
