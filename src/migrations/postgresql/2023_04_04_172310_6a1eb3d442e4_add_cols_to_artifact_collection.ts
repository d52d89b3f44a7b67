import {notPorted} from '../helpers/not-ported.js'

export default notPorted("6a1eb3d442e4", "3bf47e3ce2dd", "Add cols to artifact_collection")
