import {notPorted} from '../helpers/not-ported.js'

export default notPorted("b9aafc3ab936", "1d7441c031d0", "Adds artifact_collection table")
