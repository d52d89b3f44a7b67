import {notPorted} from '../helpers/not-ported.js'

export default notPorted("bb38729c471a", "fe77ad0dda06", "Rename Worker Pools to Work Pools")
