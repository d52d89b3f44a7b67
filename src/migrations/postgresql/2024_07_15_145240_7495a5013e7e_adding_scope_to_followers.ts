import {notPorted} from '../helpers/not-ported.js'

export default notPorted("7495a5013e7e", "94622c1663e8", "Adding scope to followers")
