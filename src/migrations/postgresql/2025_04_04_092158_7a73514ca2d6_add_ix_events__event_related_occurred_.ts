import {notPorted} from '../helpers/not-ported.js'

export default notPorted("7a73514ca2d6", "06b7c293bc69", "Add ix_events__event_related_occurred_md5")
