import {notPorted} from '../helpers/not-ported.js'

export default notPorted("2e7e1428ffce", "b68b3cad6b8a", "Index Flow.created")
