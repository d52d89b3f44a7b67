import {notPorted} from '../helpers/not-ported.js'

export default notPorted("888a0bb0df7b", "b75d279ba985", "Add flow run alert policies")
