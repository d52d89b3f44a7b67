import {notPorted} from '../helpers/not-ported.js'

export default notPorted("54c1876c68ae", "41e5ed9e1034", "Add index for scheduled deployments")
