import {notPorted} from '../helpers/not-ported.js'

export default notPorted("422f8ba9541d", "b9aafc3ab936", "Add index for querying artifacts")
