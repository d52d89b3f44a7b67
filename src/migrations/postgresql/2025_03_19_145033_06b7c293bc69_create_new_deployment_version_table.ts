import {notPorted} from '../helpers/not-ported.js'

export default notPorted("06b7c293bc69", "b5f5644500d2", "Create new deployment version table")
