import {notPorted} from '../helpers/not-ported.js'

export default notPorted("3ced59d8806b", "6d548701edef", "Add last_polled")
