import {notPorted} from '../helpers/not-ported.js'

export default notPorted("af52717cf201", "3ced59d8806b", "Add retry and restart metadata")
