import {notPorted} from '../helpers/not-ported.js'

export default notPorted("aa84ac237ce8", "4a1a0e4f89de", "Removes unique constraint from artifact table key column")
