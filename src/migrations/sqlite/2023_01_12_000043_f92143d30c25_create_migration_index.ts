import {notPorted} from '../helpers/not-ported.js'

export default notPorted("f92143d30c25", "f92143d30c24", "Adds a helper index for the artifact data migration")
