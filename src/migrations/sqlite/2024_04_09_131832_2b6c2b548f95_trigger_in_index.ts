import {notPorted} from '../helpers/not-ported.js'

export default notPorted("2b6c2b548f95", "cc510aec4689", "Add `trigger_id` to the unique index for `automation_bucket`")
