import {notPorted} from '../helpers/not-ported.js'

export default notPorted("121699507574", "8cf4d4933848", "Add job_variables column to flow-runs")
