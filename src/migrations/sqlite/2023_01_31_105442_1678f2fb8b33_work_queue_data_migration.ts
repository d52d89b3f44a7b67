import {notPorted} from '../helpers/not-ported.js'

export default notPorted("1678f2fb8b33", "b9bda9f142f1", "Work queue data migration")
