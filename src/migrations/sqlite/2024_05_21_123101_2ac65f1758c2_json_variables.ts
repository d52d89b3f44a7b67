import {notPorted} from '../helpers/not-ported.js'

export default notPorted("2ac65f1758c2", "20fbd53b3cef", "json_variables")
