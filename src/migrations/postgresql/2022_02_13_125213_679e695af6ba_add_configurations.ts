import {notPorted} from '../helpers/not-ported.js'

export default notPorted("679e695af6ba", "5bff7878e700", "Add the configurations table.")
