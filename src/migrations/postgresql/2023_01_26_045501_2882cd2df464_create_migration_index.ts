import {notPorted} from '../helpers/not-ported.js'

export default notPorted("2882cd2df464", "2882cd2df463", "Adds a helper index for the artifact data migration")
