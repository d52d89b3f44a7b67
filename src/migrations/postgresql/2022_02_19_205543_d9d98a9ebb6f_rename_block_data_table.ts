import {notPorted} from '../helpers/not-ported.js'

export default notPorted("d9d98a9ebb6f", "679e695af6ba", "Rename block data table")
