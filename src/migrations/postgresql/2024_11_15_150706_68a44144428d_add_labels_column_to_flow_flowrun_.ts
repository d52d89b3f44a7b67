import {notPorted} from '../helpers/not-ported.js'

export default notPorted("68a44144428d", "eaec5004771f", "Add `labels` column to Flow, FlowRun, TaskRun, and Deployment")
