import {notPorted} from '../helpers/not-ported.js'

export default notPorted("340f457b315f", "3e1eb8281d5e", "Add column to deployments for pull steps")
