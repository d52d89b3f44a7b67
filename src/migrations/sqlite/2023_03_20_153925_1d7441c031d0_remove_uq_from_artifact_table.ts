import {notPorted} from '../helpers/not-ported.js'

export default notPorted("1d7441c031d0", "cf1159bd0d3c", "Removes unique constraint from artifact table key column")
