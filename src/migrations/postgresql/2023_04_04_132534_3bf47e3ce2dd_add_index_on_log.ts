import {notPorted} from '../helpers/not-ported.js'

export default notPorted("3bf47e3ce2dd", "46bd82c6279a", "add_index_on_log")
