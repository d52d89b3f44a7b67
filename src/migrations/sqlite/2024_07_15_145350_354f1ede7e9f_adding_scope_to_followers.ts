import {notPorted} from '../helpers/not-ported.js'

export default notPorted("354f1ede7e9f", "2ac65f1758c2", "Adding scope to followers")
