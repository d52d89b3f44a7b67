import {notPorted} from '../helpers/not-ported.js'

export default notPorted("9725c1cbee35", null, "initial migration")
