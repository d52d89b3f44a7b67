import {notPorted} from '../helpers/not-ported.js'

export default notPorted("fa985d474982", "add97ce1937d", "add-index-to-flow-run-infrastructure_document_id")
