import {notPorted} from '../helpers/not-ported.js'

export default notPorted("b75d279ba985", "fd966d4ad99c", "Add eplace version with checksum")
