import {notPorted} from '../helpers/not-ported.js'

export default notPorted("add97ce1937d", "4ff2f2bf81f4", "Update deployments to include more information")
