import {notPorted} from '../helpers/not-ported.js'

export default notPorted("b5f5644500d2", "a03d00b8e275", "add storage configuration to work pool")
