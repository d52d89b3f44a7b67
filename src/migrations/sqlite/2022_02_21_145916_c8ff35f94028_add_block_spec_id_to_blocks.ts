import {notPorted} from '../helpers/not-ported.js'

export default notPorted("c8ff35f94028", "f327e877e423", "Add block_spec_id to blocks")
