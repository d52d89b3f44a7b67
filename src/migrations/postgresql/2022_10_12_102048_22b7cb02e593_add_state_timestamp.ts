import {backfillStateTimestamps} from '../helpers/state-backfill.js'
import {sql} from '../helpers/prefect-sql.js'
import type {Revision} from '../types.js'

const revision: Revision = {
  revision: '22b7cb02e593',
  downRevision: '2d5e000696f1',
  message: 'Add state_timestamp',
  // Prefect backfills outside a transaction, batch by batch: so do we. Every step can be re-run.
  transaction: false,
  async up(context) {
    await sql(
      context,
      'ALTER TABLE flow_run ADD COLUMN IF NOT EXISTS state_timestamp TIMESTAMP WITH TIME ZONE',
      'CREATE INDEX IF NOT EXISTS ix_flow_run__state_timestamp ON flow_run (state_timestamp)',
      'ALTER TABLE task_run ADD COLUMN IF NOT EXISTS state_timestamp TIMESTAMP WITH TIME ZONE',
      'CREATE INDEX IF NOT EXISTS ix_task_run__state_timestamp ON task_run (state_timestamp)',
    )
    await backfillStateTimestamps(context, 'flow_run')
    await backfillStateTimestamps(context, 'task_run')
  },
  async down(context) {
    await sql(
      context,
      'DROP INDEX IF EXISTS ix_task_run__state_timestamp',
      'ALTER TABLE task_run DROP COLUMN IF EXISTS state_timestamp',
      'DROP INDEX IF EXISTS ix_flow_run__state_timestamp',
      'ALTER TABLE flow_run DROP COLUMN IF EXISTS state_timestamp',
    )
  },
}

export default revision
