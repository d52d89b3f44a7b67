import {notPorted} from '../helpers/not-ported.js'

export default notPorted("8ea825da948d", "3ced59d8806b", "Add retry and restart metadata")
