import {notPorted} from '../helpers/not-ported.js'

export default notPorted("9e83011d1f2a", "8bb517bae6f9", "Migrate V1 concurrency limits to V2")
