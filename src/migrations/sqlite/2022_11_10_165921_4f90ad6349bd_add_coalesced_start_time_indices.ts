import {notPorted} from '../helpers/not-ported.js'

export default notPorted("4f90ad6349bd", "a0284438370e", "Add indices for coalesced `start time` sorts")
