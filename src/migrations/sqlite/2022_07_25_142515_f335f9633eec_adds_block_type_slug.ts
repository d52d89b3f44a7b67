import {notPorted} from '../helpers/not-ported.js'

export default notPorted("f335f9633eec", "2fe8ef6a6514", "Adds block type slug")
