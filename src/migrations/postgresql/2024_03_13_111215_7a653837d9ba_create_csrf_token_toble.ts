import {notPorted} from '../helpers/not-ported.js'

export default notPorted("7a653837d9ba", "121699507574", "Create csrf_token toble")
