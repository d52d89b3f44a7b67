import {notPorted} from '../helpers/not-ported.js'

export default notPorted("07ecde74d74d", "67f886da208e", "Add slug column to deployment_schedule")
