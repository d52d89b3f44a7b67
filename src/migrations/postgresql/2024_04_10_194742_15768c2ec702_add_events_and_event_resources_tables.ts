import {notPorted} from '../helpers/not-ported.js'

export default notPorted("15768c2ec702", "954db7517015", "Add events and event_resources tables")
