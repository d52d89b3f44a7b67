import {sql} from '../helpers/prefect-sql.js'
import type {Revision} from '../types.js'

const revision: Revision = {
  revision: '7f5f335cace3',
  downRevision: '71a57ec351d1',
  message: 'Add flow_run.state_name',
  transaction: true,
  async up(context) {
    await sql(
      context,
      'ALTER TABLE flow_run ADD COLUMN state_name VARCHAR',
      'CREATE INDEX ix_flow_run__state_name ON flow_run (state_name)',
      'ALTER TABLE task_run ADD COLUMN state_name VARCHAR',
      'CREATE INDEX ix_task_run__state_name ON task_run (state_name)',
    )
  },
  async down(context) {
    // Dropping the columns in place keeps the DESC indexes that Prefect's table rebuild loses.
    await sql(
      context,
      'DROP INDEX ix_task_run__state_name',
      'ALTER TABLE task_run DROP COLUMN state_name',
      'DROP INDEX ix_flow_run__state_name',
      'ALTER TABLE flow_run DROP COLUMN state_name',
    )
  },
}

export default revision
