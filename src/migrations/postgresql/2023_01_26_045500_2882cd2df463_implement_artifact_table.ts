import {notPorted} from '../helpers/not-ported.js'

export default notPorted("2882cd2df463", "9326a6aee18b", "Implements the artifact table and migrates run results")
