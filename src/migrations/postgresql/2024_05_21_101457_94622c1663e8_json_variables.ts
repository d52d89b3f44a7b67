import {notPorted} from '../helpers/not-ported.js'

export default notPorted("94622c1663e8", "b23c83a12cb4", "json_variables")
