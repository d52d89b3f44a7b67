import {notPorted} from '../helpers/not-ported.js'

export default notPorted("a205b458d997", "9e2a1c08c6f1", "Adds indexes for block filtering")
