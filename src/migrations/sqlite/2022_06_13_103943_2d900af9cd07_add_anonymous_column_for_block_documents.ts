import {notPorted} from '../helpers/not-ported.js'

export default notPorted("2d900af9cd07", "84892301571a", "Add anonymous column for block documents")
