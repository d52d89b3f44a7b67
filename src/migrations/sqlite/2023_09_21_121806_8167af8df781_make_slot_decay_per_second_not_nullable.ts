import {notPorted} from '../helpers/not-ported.js'

export default notPorted("8167af8df781", "ef674d598dd3", "Make slot_decay_per_second not nullable")
