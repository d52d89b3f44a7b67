import {notPorted} from '../helpers/not-ported.js'

export default notPorted("14dc68cc5853", "605ebb4e9155", "Backfill state_name")
