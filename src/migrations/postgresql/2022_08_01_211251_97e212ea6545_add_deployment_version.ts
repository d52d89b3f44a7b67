import {notPorted} from '../helpers/not-ported.js'

export default notPorted("97e212ea6545", "fa985d474982", "Add deployment.version")
