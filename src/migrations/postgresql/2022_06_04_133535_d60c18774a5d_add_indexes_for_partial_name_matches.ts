import {notPorted} from '../helpers/not-ported.js'

export default notPorted("77ebcc9cf355", "cdcb4018dd0e", "Add indexes for partial name matches")
