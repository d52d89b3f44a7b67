import {notPorted} from '../helpers/not-ported.js'

export default notPorted("db0eb3973a54", "50f8c182c3ca", "Adds enforce_parameter_schema column to deployment table")
