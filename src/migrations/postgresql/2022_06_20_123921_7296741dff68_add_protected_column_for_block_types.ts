import {notPorted} from '../helpers/not-ported.js'

export default notPorted("7296741dff68", "29ad9bef6147", "Add protected column for block types")
