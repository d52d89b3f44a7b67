import {notPorted} from '../helpers/not-ported.js'

export default notPorted("575634b7acd4", "296e2665785f", "Add work queue name to runs")
