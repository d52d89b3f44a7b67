import {sql} from '../helpers/prefect-sql.js'
import type {Revision} from '../types.js'

const revision: Revision = {
  revision: '4dfa692e02a7',
  downRevision: 'a1b2c3d4e5f7',
  message: 'Add composite index on task_run(state_type, start_time)',
  transaction: true,
  async up(context) {
    await sql(context, `CREATE INDEX IF NOT EXISTS ix_task_run__state_type_start_time ON task_run (state_type, start_time)`)
  },
  async down(context) {
    await sql(context, 'DROP INDEX IF EXISTS ix_task_run__state_type_start_time')
  },
}

export default revision
