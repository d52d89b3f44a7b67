import {notPorted} from '../helpers/not-ported.js'

export default notPorted("4e9a6f93eb6c", "db0eb3973a54", "Make slot_decay_per_second not nullable")
