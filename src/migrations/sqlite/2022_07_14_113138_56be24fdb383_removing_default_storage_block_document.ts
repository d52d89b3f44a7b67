import {notPorted} from '../helpers/not-ported.js'

export default notPorted("56be24fdb383", "638cbcc2a158", "Removing default storage block document.")
