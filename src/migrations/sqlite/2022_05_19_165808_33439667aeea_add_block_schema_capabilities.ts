import {notPorted} from '../helpers/not-ported.js'

export default notPorted("33439667aeea", "888a0bb0df7b", "Add BlockSchema capabilities")
