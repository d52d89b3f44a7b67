import {notPorted} from '../helpers/not-ported.js'

export default notPorted("2882cd2df465", "2882cd2df464", "Migrates state data to the artifact table")
