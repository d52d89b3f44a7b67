import {notPorted} from '../helpers/not-ported.js'

export default notPorted("f92143d30c24", "bb38729c471a", "Implements the artifact table and migrates run results")
