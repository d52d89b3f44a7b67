import {notPorted} from '../helpers/not-ported.js'

export default notPorted("3bd87ecdac38", "42762c37b7bc", "Add descriptions to deployments.")
