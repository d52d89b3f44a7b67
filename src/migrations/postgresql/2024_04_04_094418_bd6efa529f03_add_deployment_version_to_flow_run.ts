import {notPorted} from '../helpers/not-ported.js'

export default notPorted("bd6efa529f03", "aeea5ee6f070", "add_deployment_version_to_flow_run")
