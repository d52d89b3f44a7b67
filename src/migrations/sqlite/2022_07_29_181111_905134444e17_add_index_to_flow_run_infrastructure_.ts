import {notPorted} from '../helpers/not-ported.js'

export default notPorted("905134444e17", "88c2112b668f", "add-index-to-flow-run-infrastructure_document_id")
