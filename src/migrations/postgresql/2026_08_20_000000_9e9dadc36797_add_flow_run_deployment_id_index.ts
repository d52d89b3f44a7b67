import {createIndexConcurrently, dropIndexConcurrently} from '../helpers/postgres-concurrent-index.js'
import type {Revision} from '../types.js'

// Built CONCURRENTLY outside a transaction, as Prefect does; both directions can simply be run again.
const revision: Revision = {
  revision: '9e9dadc36797',
  downRevision: '50737cdaee36',
  message: 'Add index on flow_run(deployment_id)',
  transaction: false,
  async up({knex}) {
    await createIndexConcurrently(knex, 'ix_flow_run__deployment_id', `ON flow_run (deployment_id)`)
  },
  async down({knex}) {
    await dropIndexConcurrently(knex, 'ix_flow_run__deployment_id')
  },
}

export default revision
