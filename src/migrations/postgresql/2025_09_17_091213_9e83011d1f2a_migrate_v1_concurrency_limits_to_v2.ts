import {notPorted} from '../helpers/not-ported.js'

export default notPorted("9e83011d1f2a", "3b86c5ea017a", "Migrate V1 concurrency limits to V2")
