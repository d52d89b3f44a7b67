import {notPorted} from '../helpers/not-ported.js'

export default notPorted("cf1159bd0d3c", "f3df94dca3cc", "Add description col to artifact table")
