import {notPorted} from '../helpers/not-ported.js'

export default notPorted("954db7517015", "916718e8330f", "Add `trigger_id` to the unique index for `automation_bucket`")
