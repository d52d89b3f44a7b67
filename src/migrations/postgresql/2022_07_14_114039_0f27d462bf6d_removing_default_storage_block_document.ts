import {notPorted} from '../helpers/not-ported.js'

export default notPorted("0f27d462bf6d", "112c68143fc3", "Removing default storage block document.")
