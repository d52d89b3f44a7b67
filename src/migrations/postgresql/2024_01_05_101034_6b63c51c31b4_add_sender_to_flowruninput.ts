import {notPorted} from '../helpers/not-ported.js'

export default notPorted("6b63c51c31b4", "7c453555d3a5", "Add `sender` to `FlowRunInput`")
