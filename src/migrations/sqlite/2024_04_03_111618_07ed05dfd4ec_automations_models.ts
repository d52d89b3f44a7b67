import {notPorted} from '../helpers/not-ported.js'

export default notPorted("07ed05dfd4ec", "bacc60edce16", "Automations models")
