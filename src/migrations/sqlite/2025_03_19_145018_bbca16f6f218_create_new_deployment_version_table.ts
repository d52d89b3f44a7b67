import {notPorted} from '../helpers/not-ported.js'

export default notPorted("bbca16f6f218", "3457c6ca2360", "Create new deployment version table")
