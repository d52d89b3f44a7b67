import {notPorted} from '../helpers/not-ported.js'

export default notPorted("061c7e518b40", "e2dae764a603", "Removes DebugPrintNotification block type")
