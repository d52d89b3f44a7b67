import {notPorted} from '../helpers/not-ported.js'

export default notPorted("5bff7878e700", "5f376def75c3", "Add agents and work queue")
