import {notPorted} from '../helpers/not-ported.js'

export default notPorted("84892301571a", "f65b6ad0b869", "Adds description and code example to block type")
