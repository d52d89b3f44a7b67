import {notPorted} from '../helpers/not-ported.js'

export default notPorted("f65b6ad0b869", "d76326ed0d06", "Add indexes for partial name matches")
