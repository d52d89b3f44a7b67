import {notPorted} from '../helpers/not-ported.js'

export default notPorted("c63a0a6dc787", "35659cc49969", "Add `sender` to `FlowRunInput`")
