import {notPorted} from '../helpers/not-ported.js'

export default notPorted("dff8da7a6c2c", "a205b458d997", "Add protected column for block types")
