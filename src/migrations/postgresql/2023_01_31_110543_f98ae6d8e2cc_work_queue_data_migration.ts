import {notPorted} from '../helpers/not-ported.js'

export default notPorted("f98ae6d8e2cc", "0a1250a5aa25", "Work queue data migration")
