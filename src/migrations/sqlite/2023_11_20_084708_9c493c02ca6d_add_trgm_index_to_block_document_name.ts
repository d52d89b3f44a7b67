import {notPorted} from '../helpers/not-ported.js'

export default notPorted("9c493c02ca6d", "22ef3915ccd8", "Add trgm index to block_document.name")
