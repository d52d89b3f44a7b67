import {notPorted} from '../helpers/not-ported.js'

export default notPorted("e905fd199258", "4cdc2ba709a4", "Removes DebugPrintNotification block type")
