import {notPorted} from '../helpers/not-ported.js'

export default notPorted("aeea5ee6f070", "7a653837d9ba", "Automations models")
