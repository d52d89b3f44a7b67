import {notPorted} from '../helpers/not-ported.js'

export default notPorted("71a57ec351d1", "c8ff35f94028", "Index Flow.created")
