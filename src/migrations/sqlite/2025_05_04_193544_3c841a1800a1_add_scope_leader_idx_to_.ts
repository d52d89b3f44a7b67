import {notPorted} from '../helpers/not-ported.js'

export default notPorted("3c841a1800a1", "7655f31c5157", "add scope+leader idx to AutomationEventFollower")
