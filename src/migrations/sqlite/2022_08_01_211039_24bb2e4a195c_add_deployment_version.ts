import {notPorted} from '../helpers/not-ported.js'

export default notPorted("24bb2e4a195c", "905134444e17", "Add deployment.version")
