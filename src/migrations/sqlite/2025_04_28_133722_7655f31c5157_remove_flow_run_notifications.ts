import {notPorted} from '../helpers/not-ported.js'

export default notPorted("7655f31c5157", "bbca16f6f218", "Remove flow run notifications")
