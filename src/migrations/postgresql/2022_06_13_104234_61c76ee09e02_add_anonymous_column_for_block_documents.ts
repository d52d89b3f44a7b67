import {notPorted} from '../helpers/not-ported.js'

export default notPorted("61c76ee09e02", "3a7c41d3b464", "Add anonymous column for block documents")
