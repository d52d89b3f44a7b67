import {notPorted} from '../helpers/not-ported.js'

export default notPorted("ef674d598dd3", "c2d001b7dd06", "Adds enforce_parameter_schema column to deployment table")
