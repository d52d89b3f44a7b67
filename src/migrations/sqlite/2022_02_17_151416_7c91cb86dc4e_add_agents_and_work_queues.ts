import {notPorted} from '../helpers/not-ported.js'

export default notPorted("7c91cb86dc4e", "619bea85701a", "Add agents and work queues")
