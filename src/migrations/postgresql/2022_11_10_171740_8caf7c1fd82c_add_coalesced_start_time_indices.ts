import {notPorted} from '../helpers/not-ported.js'

export default notPorted("8caf7c1fd82c", "54c1876c68ae", "Add indices for coalesced `start time` sorts")
