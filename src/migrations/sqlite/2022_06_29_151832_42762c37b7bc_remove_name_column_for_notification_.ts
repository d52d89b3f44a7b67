import {notPorted} from '../helpers/not-ported.js'

export default notPorted("42762c37b7bc", "dff8da7a6c2c", "Remove name column for notification policies")
