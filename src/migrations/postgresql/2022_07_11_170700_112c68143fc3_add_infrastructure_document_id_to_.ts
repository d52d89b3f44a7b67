import {notPorted} from '../helpers/not-ported.js'

export default notPorted("112c68143fc3", "e905fd199258", "Add infrastructure document id to deployments")
