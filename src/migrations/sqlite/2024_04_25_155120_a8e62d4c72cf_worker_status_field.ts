import {notPorted} from '../helpers/not-ported.js'

export default notPorted("a8e62d4c72cf", "75c8f17b8b51", "Worker status field")
