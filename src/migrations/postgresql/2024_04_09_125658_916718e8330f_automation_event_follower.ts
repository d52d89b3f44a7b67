import {notPorted} from '../helpers/not-ported.js'

export default notPorted("916718e8330f", "bd6efa529f03", "Automation event follower")
