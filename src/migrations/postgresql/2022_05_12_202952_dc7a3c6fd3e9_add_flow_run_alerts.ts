import {notPorted} from '../helpers/not-ported.js'

export default notPorted("dc7a3c6fd3e9", "1c9390e2f9c6", "Add flow run alert policies")
