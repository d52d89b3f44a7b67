import {notPorted} from '../helpers/not-ported.js'

export default notPorted("2fe8ef6a6514", "628a873f0d1a", "Remove flow runners")
