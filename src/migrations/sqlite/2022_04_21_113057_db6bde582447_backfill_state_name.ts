import {notPorted} from '../helpers/not-ported.js'

export default notPorted("db6bde582447", "7f5f335cace3", "Backfill state_name")
