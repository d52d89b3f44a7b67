import {notPorted} from '../helpers/not-ported.js'

export default notPorted("bfe653bbf62e", "05ea6f882b1d", "Add `last_polled` to deployment")
