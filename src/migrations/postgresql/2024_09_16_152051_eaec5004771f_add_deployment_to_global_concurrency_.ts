import {notPorted} from '../helpers/not-ported.js'

export default notPorted("eaec5004771f", "555ed31b284d", "Add deployment to global concurrency limit FK")
