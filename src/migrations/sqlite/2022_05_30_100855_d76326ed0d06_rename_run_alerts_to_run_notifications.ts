import {notPorted} from '../helpers/not-ported.js'

export default notPorted("d76326ed0d06", "e73c6f1fe752", "Rename run alerts to run notifications")
