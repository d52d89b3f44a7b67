import {notPorted} from '../helpers/not-ported.js'

export default notPorted("f3165ae0a213", "05ea6f882b1d", "Add `last_polled` to deployment")
