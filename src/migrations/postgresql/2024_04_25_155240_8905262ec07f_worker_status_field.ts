import {notPorted} from '../helpers/not-ported.js'

export default notPorted("8905262ec07f", "7ae9e431e67a", "Worker status field")
