import {notPorted} from '../helpers/not-ported.js'

export default notPorted("ad4b1b4d1e9d", "22b7cb02e593", "Index deployment.created")
