import {notPorted} from '../helpers/not-ported.js'

export default notPorted("77eb737fc759", "60e428f92a75", "Add work queue name to runs")
