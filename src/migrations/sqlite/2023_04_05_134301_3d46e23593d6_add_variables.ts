import {notPorted} from '../helpers/not-ported.js'

export default notPorted("3d46e23593d6", "340f457b315f", "add_variables")
