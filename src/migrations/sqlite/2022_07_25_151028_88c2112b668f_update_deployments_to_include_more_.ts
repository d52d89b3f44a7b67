import {notPorted} from '../helpers/not-ported.js'

export default notPorted("88c2112b668f", "f335f9633eec", "Update deployments to include more information")
