import {notPorted} from '../helpers/not-ported.js'

export default notPorted("2f46fc3f3beb", "7296741dff68", "Remove name column for notification policies")
