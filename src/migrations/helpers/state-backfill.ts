import type {MigrationContext} from '../types.js'
import {selectRows} from './prefect-sql.js'

/*
 * Backfills of the columns that copy a run's current state (state_name, state_timestamp), in
 * batches that each commit on their own (these revisions run outside a transaction, as Prefect's
 * do), so that a run killed half-way simply continues where it stopped.
 */

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

const BATCH = 500

/**
 * Copy each run's current state timestamp into `<run>.state_timestamp`, 500 runs at a time, each
 * batch committed by itself (revision 22b7cb02e593 runs outside a transaction, as Prefect's
 * backfill does). Runs are walked by id, so a run whose state has no row is passed over rather
 * than retried forever, and a run stopped part-way picks up where the NULLs are.
 */
export async function backfillStateTimestamps(context: MigrationContext, run: 'flow_run' | 'task_run'): Promise<void> {
  let after: string | undefined
  for (;;) {
    const rows = await selectRows<{id: string}>(
      context,
      `SELECT id FROM ${run} WHERE state_timestamp IS NULL AND state_id IS NOT NULL${after === undefined ? '' : ' AND id > ?'} ORDER BY id LIMIT ${BATCH}`,
      after === undefined ? [] : [after],
    )
    if (rows.length === 0) return
    const ids = rows.map((row) => String(row.id))
    await context.knex.raw(
      `UPDATE ${run} SET state_timestamp = (SELECT s.timestamp FROM ${run}_state s WHERE s.id = ${run}.state_id)
       WHERE id IN (${ids.map(() => '?').join(', ')})`,
      ids,
    )
    after = ids[ids.length - 1]
  }
}
