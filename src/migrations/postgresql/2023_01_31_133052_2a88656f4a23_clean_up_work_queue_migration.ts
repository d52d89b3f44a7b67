import {notPorted} from '../helpers/not-ported.js'

export default notPorted("2a88656f4a23", "f98ae6d8e2cc", "Clean up work queue migration")
