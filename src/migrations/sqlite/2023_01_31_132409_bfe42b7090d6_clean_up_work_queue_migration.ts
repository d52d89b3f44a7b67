import {notPorted} from '../helpers/not-ported.js'

export default notPorted("bfe42b7090d6", "1678f2fb8b33", "Clean up work queue migration")
