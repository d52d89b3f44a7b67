import type {MigrationContext} from '../types.js'
import {selectRows} from './prefect-sql.js'

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
