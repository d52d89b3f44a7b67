import {createIndexConcurrently, dropIndexConcurrently} from '../helpers/postgres-concurrent-index.js'
import type {Revision} from '../types.js'

const revision: Revision = {
  revision: 'fa985d474982',
  downRevision: 'add97ce1937d',
  message: 'add-index-to-flow-run-infrastructure_document_id',
  // CREATE/DROP INDEX CONCURRENTLY, outside a transaction as in Prefect's; safe to run again.
  transaction: false,
  async up({knex}) {
    await createIndexConcurrently(knex, 'ix_flow_run__infrastructure_document_id', 'ON flow_run (infrastructure_document_id)')
  },
  async down({knex}) {
    await dropIndexConcurrently(knex, 'ix_flow_run__infrastructure_document_id')
  },
}

export default revision
