import {notPorted} from '../helpers/not-ported.js'

export default notPorted("3e1eb8281d5e", "553920ec20e9", "Add cols to artifact_collection")
