import {notPorted} from '../helpers/not-ported.js'

export default notPorted("628a873f0d1a", "56be24fdb383", "Renames existing block types and deletes removed block types")
