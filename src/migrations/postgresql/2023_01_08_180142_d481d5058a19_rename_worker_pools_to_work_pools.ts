import {notPorted} from '../helpers/not-ported.js'

export default notPorted("d481d5058a19", "f7587d6c5776", "Rename Worker Pools to Work Pools")
