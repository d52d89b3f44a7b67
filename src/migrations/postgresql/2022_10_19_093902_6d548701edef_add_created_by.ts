import {notPorted} from '../helpers/not-ported.js'

export default notPorted("6d548701edef", "ad4b1b4d1e9d", "add_created_by")
