import {notPorted} from '../helpers/not-ported.js'

export default notPorted("2882cd2df466", "2882cd2df465", "State data migration cleanup")
