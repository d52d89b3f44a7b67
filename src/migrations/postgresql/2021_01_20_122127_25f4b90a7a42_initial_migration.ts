import {notPorted} from '../helpers/not-ported.js'

export default notPorted("25f4b90a7a42", null, "initial migration")
