import {notPorted} from '../helpers/not-ported.js'

export default notPorted("22b7cb02e593", "e757138e954a", "Add state_timestamp")
