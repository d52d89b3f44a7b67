import {notPorted} from '../helpers/not-ported.js'

export default notPorted("342220764f0b", "265eb1a2da4c", "Add job_variables column to flow-runs")
