import {notPorted} from '../helpers/not-ported.js'

export default notPorted("15f5083c16bd", "310dda75f561", "Migrate artifact data to artifact_collection table")
