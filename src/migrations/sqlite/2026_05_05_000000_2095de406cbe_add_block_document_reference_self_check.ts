import {notPorted} from '../helpers/not-ported.js'

export default notPorted("2095de406cbe", "4dfa692e02a7", "Add CHECK constraint preventing block_document_reference self-references")
