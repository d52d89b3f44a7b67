import {notPorted} from '../helpers/not-ported.js'

export default notPorted("9326a6aee18b", "d481d5058a19", "Add CANCELLING to state type enum")
