import {notPorted} from '../helpers/not-ported.js'

export default notPorted("1c9bb7f78263", "4160a4841eed", "add scope+leader idx to AutomationEventFollower")
