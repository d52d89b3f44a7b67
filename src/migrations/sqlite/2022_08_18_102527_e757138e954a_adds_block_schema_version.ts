import {notPorted} from '../helpers/not-ported.js'

export default notPorted("e757138e954a", "575634b7acd4", "Adds block schema version")
