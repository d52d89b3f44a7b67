import {notPorted} from '../helpers/not-ported.js'

export default notPorted("22b7cb02e593", "2d5e000696f1", "Add state_timestamp")
