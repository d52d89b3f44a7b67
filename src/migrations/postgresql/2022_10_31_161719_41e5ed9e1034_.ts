import {notPorted} from '../helpers/not-ported.js'

export default notPorted("41e5ed9e1034", "8ea825da948d", "empty message")
