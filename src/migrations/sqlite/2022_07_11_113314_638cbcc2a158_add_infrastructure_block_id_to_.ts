import {notPorted} from '../helpers/not-ported.js'

export default notPorted("638cbcc2a158", "061c7e518b40", "Add infrastructure block id to deployments")
