import {notPorted} from '../helpers/not-ported.js'

export default notPorted("e73c6f1fe752", "33439667aeea", "Adds block schema references and block document references")
