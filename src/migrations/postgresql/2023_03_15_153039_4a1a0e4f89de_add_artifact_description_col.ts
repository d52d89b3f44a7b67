import {notPorted} from '../helpers/not-ported.js'

export default notPorted("4a1a0e4f89de", "7d918a392297", "Add description column to artifact table")
