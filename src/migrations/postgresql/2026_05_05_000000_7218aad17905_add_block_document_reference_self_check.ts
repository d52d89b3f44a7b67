import {notPorted} from '../helpers/not-ported.js'

export default notPorted("7218aad17905", "09a9e091e578", "Add CHECK constraint preventing block_document_reference self-references")
