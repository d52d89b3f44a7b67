import {notPorted} from '../helpers/not-ported.js'

export default notPorted("3ced59d8806b", "fa319f214160", "Add last_polled")
