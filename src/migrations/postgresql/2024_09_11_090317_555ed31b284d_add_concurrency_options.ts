import {notPorted} from '../helpers/not-ported.js'

export default notPorted("555ed31b284d", "97429116795e", "add concurrency options")
