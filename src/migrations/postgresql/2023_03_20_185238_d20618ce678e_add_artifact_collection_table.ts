import {notPorted} from '../helpers/not-ported.js'

export default notPorted("d20618ce678e", "aa84ac237ce8", "Add artifact_collection table")
