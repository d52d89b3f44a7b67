import {notPorted} from '../helpers/not-ported.js'

export default notPorted("bb2345678901", "3c841a1800a1", "Add tags column to automation table")
