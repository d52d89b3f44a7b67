import {createIndexConcurrently, dropIndexConcurrently} from '../helpers/postgres-concurrent-index.js'
import {sql} from '../helpers/prefect-sql.js'
import type {Revision} from '../types.js'

// The indexes are built CONCURRENTLY outside a transaction, as Prefect does; safe to run again after a kill.
const revision: Revision = {
  revision: '605ebb4e9155',
  downRevision: '2e7e1428ffce',
  message: 'Add flow_run.state_name',
  transaction: false,
  async up(context) {
    await sql(
      context,
      'ALTER TABLE flow_run ADD COLUMN IF NOT EXISTS state_name VARCHAR',
      'ALTER TABLE task_run ADD COLUMN IF NOT EXISTS state_name VARCHAR',
    )
    await createIndexConcurrently(context.knex, 'ix_flow_run__state_name', 'ON flow_run (state_name)')
    await createIndexConcurrently(context.knex, 'ix_task_run__state_name', 'ON task_run (state_name)')
  },
  async down(context) {
    await dropIndexConcurrently(context.knex, 'ix_flow_run__state_name')
    await dropIndexConcurrently(context.knex, 'ix_task_run__state_name')
    await sql(context, 'ALTER TABLE flow_run DROP COLUMN IF EXISTS state_name', 'ALTER TABLE task_run DROP COLUMN IF EXISTS state_name')
  },
}

export default revision
