import {createIndexConcurrently, dropIndexConcurrently} from '../helpers/postgres-concurrent-index.js'
import type {Revision} from '../types.js'

// Built CONCURRENTLY outside a transaction, as Prefect does; both directions can simply be run again.
const revision: Revision = {
  revision: 'a1b2c3d4e5f6',
  downRevision: '9e83011d1f2a',
  message: 'Add expression index for per-schedule scheduler query',
  transaction: false,
  async up({knex}) {
    await createIndexConcurrently(knex, 'ix_flow_run__schedule_id_scheduler', `ON flow_run (deployment_id, (created_by ->> 'id'), next_scheduled_start_time)
        WHERE state_type = 'SCHEDULED' AND auto_scheduled = true`)
  },
  async down({knex}) {
    await dropIndexConcurrently(knex, 'ix_flow_run__schedule_id_scheduler')
  },
}

export default revision
