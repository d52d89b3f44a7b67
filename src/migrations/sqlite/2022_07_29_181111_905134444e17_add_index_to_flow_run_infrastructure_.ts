import {sql} from '../helpers/prefect-sql.js'
import type {Revision} from '../types.js'

const revision: Revision = {
  revision: '905134444e17',
  downRevision: '88c2112b668f',
  message: 'add-index-to-flow-run-infrastructure_document_id',
  transaction: true,
  async up(context) {
    await sql(context, 'CREATE INDEX ix_flow_run__infrastructure_document_id ON flow_run (infrastructure_document_id)')
  },
  async down(context) {
    await sql(context, 'DROP INDEX ix_flow_run__infrastructure_document_id')
  },
}

export default revision
