import {notPorted} from '../helpers/not-ported.js'

export default notPorted("310dda75f561", "43c94d4c7aa3", "add_variables")
