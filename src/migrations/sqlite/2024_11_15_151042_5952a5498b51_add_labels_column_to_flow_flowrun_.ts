import {notPorted} from '../helpers/not-ported.js'

export default notPorted("5952a5498b51", "4ad4658cbefe", "Add `labels` column to Flow, FlowRun, TaskRun, and Deployment")
