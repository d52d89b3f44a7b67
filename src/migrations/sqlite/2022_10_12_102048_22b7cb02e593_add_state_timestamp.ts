import {backfillStateTimestamps} from '../helpers/state-backfill.js'
import {selectRows, sql} from '../helpers/prefect-sql.js'
import type {MigrationContext, Revision} from '../types.js'

const revision: Revision = {
  revision: '22b7cb02e593',
  downRevision: 'e757138e954a',
  message: 'Add state_timestamp',
  // Prefect backfills outside a transaction, batch by batch: so do we. Every step can be re-run.
  transaction: false,
  async up(context) {
    for (const run of ['flow_run', 'task_run'] as const) {
      if (!(await hasColumn(context, run, 'state_timestamp'))) await sql(context, `ALTER TABLE ${run} ADD COLUMN state_timestamp DATETIME`)
      await sql(context, `CREATE INDEX IF NOT EXISTS ix_${run}__state_timestamp ON ${run} (state_timestamp)`)
    }

    await backfillStateTimestamps(context, 'flow_run')
    await backfillStateTimestamps(context, 'task_run')
  },
  async down(context) {
    for (const run of ['task_run', 'flow_run'] as const) {
      await sql(context, `DROP INDEX IF EXISTS ix_${run}__state_timestamp`)
      if (await hasColumn(context, run, 'state_timestamp')) await sql(context, `ALTER TABLE ${run} DROP COLUMN state_timestamp`)
    }
  },
}

async function hasColumn(context: MigrationContext, table: string, column: string): Promise<boolean> {
  const columns = await selectRows<{name: string}>(context, `PRAGMA table_info(${table})`)
  return columns.some((row) => row.name === column)
}

export default revision
