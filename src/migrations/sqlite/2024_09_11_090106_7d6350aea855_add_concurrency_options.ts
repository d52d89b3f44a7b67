import {notPorted} from '../helpers/not-ported.js'

export default notPorted("7d6350aea855", "f93e1439f022", "add concurrency options")
