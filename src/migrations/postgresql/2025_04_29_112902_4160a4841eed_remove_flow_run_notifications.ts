import {notPorted} from '../helpers/not-ported.js'

export default notPorted("4160a4841eed", "7a73514ca2d6", "Remove flow run notifications")
