import {notPorted} from '../helpers/not-ported.js'

export default notPorted("0cf7311d6ea6", "bb4dc90d3e29", "Add Crashed state type")
