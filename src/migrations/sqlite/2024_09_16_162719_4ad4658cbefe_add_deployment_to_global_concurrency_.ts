import {notPorted} from '../helpers/not-ported.js'

export default notPorted("4ad4658cbefe", "7d6350aea855", "Add deployment to global concurrency limit FK")
