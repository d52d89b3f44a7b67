import {createIndexConcurrently, dropIndexConcurrently} from '../helpers/postgres-concurrent-index.js'
import type {Revision} from '../types.js'

// Built CONCURRENTLY outside a transaction, as Prefect does; both directions can simply be run again.
const revision: Revision = {
  revision: '09a9e091e578',
  downRevision: 'a1b2c3d4e5f6',
  message: 'Add composite index on task_run(state_type, start_time)',
  transaction: false,
  async up({knex}) {
    await createIndexConcurrently(knex, 'ix_task_run__state_type_start_time', `ON task_run (state_type, start_time)`)
  },
  async down({knex}) {
    await dropIndexConcurrently(knex, 'ix_task_run__state_type_start_time')
  },
}

export default revision
