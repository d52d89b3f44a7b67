import {notPorted} from '../helpers/not-ported.js'

export default notPorted("cc510aec4689", "8644a9595a08", "Automation event follower")
