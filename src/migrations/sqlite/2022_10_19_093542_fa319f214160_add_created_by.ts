import {notPorted} from '../helpers/not-ported.js'

export default notPorted("fa319f214160", "ad4b1b4d1e9d", "add_created_by")
