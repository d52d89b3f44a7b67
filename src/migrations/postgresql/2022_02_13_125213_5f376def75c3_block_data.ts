import {notPorted} from '../helpers/not-ported.js'

export default notPorted("5f376def75c3", "25f4b90a7a42", "Add the block data table.")
