import {notPorted} from '../helpers/not-ported.js'

export default notPorted("f92143d30c27", "f92143d30c26", "State data migration cleanup")
