import type {MigrationContext} from '../types.js'
import {selectRows} from './prefect-sql.js'

/**
 * Copy each run's current state name into `<run>.state_name` where it is still NULL, 500 runs a
 * statement, each statement committed on its own (the revision runs outside a transaction), so
 * that a run killed half-way simply continues where it stopped. Shared by SQLite db6bde582447
 * and PostgreSQL 14dc68cc5853.
 */
export async function backfillStateNames(context: MigrationContext): Promise<void> {
  for (const run of ['flow_run', 'task_run'] as const) {
    for (;;) {
      const rows = await selectRows<{id: string}>(
        context,
        `SELECT ${run}.id FROM ${run} JOIN ${run}_state ON ${run}_state.id = ${run}.state_id
WHERE ${run}.state_name IS NULL LIMIT 500`,
      )
      if (rows.length === 0) break
      await context.knex.raw(
        `UPDATE ${run} SET state_name = (SELECT ${run}_state.name FROM ${run}_state WHERE ${run}_state.id = ${run}.state_id)
WHERE ${run}.id IN (${rows.map(() => '?').join(', ')})`,
        rows.map((row) => String(row.id)),
      )
    }
  }
}
