import {notPorted} from '../helpers/not-ported.js'

export default notPorted("d335ad57d5ba", "61c76ee09e02", "Add block schema indexes")
