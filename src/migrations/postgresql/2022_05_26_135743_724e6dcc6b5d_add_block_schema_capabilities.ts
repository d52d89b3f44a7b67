import {notPorted} from '../helpers/not-ported.js'

export default notPorted("724e6dcc6b5d", "dc7a3c6fd3e9", "Add BlockSchema capabilities")
