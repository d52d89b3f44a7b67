import {notPorted} from '../helpers/not-ported.js'

export default notPorted("553920ec20e9", "422f8ba9541d", "add_index_on_log")
