import {notPorted} from '../helpers/not-ported.js'

export default notPorted("813ddf14e2de", "2f46fc3f3beb", "Add descriptions to deployments.")
