import {notPorted} from '../helpers/not-ported.js'

export default notPorted("bacc60edce16", "342220764f0b", "Create csrf_token toble")
