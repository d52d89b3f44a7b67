import {notPorted} from '../helpers/not-ported.js'

export default notPorted("bb4dc90d3e29", "0f27d462bf6d", "Renames existing block types and deletes removed block types")
