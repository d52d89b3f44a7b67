import {notPorted} from '../helpers/not-ported.js'

export default notPorted("3457c6ca2360", "07ecde74d74d", "add storage configuration to work pool")
