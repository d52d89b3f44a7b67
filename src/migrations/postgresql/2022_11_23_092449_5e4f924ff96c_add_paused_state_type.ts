import {notPorted} from '../helpers/not-ported.js'

export default notPorted("5e4f924ff96c", "5d526270ddb4", "Add PAUSED to state type enum")
