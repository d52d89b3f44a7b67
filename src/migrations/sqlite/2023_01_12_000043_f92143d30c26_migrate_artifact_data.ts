import {notPorted} from '../helpers/not-ported.js'

export default notPorted("f92143d30c26", "f92143d30c25", "Migrates state data to the artifact table")
