import {notPorted} from '../helpers/not-ported.js'

export default notPorted("46bd82c6279a", "d20618ce678e", "Add index on artifact")
