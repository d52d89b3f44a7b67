import {notPorted} from '../helpers/not-ported.js'

export default notPorted("2d5e000696f1", "77eb737fc759", "Adds block schema version")
