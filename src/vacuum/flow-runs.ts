import type {Knex} from 'knex'

import {collectionsPointingAt, reconcileCollections} from './collections.js'
import type {StepContext} from './context.js'
import {endedBefore, timestamp} from './sql.js'
import type {TableCounts} from './types.js'

/**
 * The service's vacuum_old_flow_runs: top-level flow runs in a terminal state that ended before
 * the cutoff. Each batch is one transaction that deletes the runs with everything that hangs on
 * them: task runs and their states, flow run states and inputs (which the foreign keys would
 * cascade to anyway), and also the runs' logs and artifacts, which the service leaves behind as
 * orphans for its next cycle. Collections whose latest artifact goes are re-pointed or removed in
 * the same transaction. A run is therefore there with all its rows, or gone with all of them.
 *
 * Batches are taken in end_time order behind a cursor, so rows that stay (a running subflow, a
 * run still in progress) are read once, not in every batch. A subflow whose parent task run goes
 * becomes top-level (ON DELETE SET NULL), as in Prefect, and is taken in a later batch of the same
 * run if it qualifies.
 */
export async function vacuumOldFlowRuns(ctx: StepContext, cutoffDate: Date): Promise<void> {
  const pending = new Set<string>()
  let cursor: {endTime: string; id: string} | null = null
  for (;;) {
    let exhausted = false
    await ctx.batch(async (trx) => {
      const cutoff = timestamp(trx, ctx.dialect, cutoffDate)
      let ids: string[]
      if (pending.size > 0) {
        const slice = [...pending].slice(0, ctx.batchSize)
        for (const id of slice) pending.delete(id)
        const query = endedBefore(trx('flow_run').select('id').whereIn('id', slice).whereNull('parent_task_run_id'), cutoff)
        ids = ((await (ctx.dialect === 'postgresql' ? query.forUpdate() : query)) as Array<{id: string}>).map((row) => String(row.id))
      } else {
        const rows = await nextBatch(trx, ctx, cutoff, cursor)
        if (rows.length === 0) {
          exhausted = true
          return null
        }

        const last = rows.at(-1)!
        cursor = {endTime: String(last.cursor_time), id: String(last.id)}
        ids = rows.map((row) => String(row.id))
      }

      if (ids.length === 0) return null
      for (const id of await subflowsOf(trx, ids, cutoff)) pending.add(id)
      return deleteRuns(trx, ctx, ids)
    })
    if (exhausted && pending.size === 0) return
  }
}

interface CandidateRow {
  id: string
  cursor_time: string
}

/** The next qualifying top-level runs after the cursor, locked on PostgreSQL (a server may be updating them). */
async function nextBatch(trx: Knex.Transaction, ctx: StepContext, cutoff: Knex.Raw | string, cursor: {endTime: string; id: string} | null): Promise<CandidateRow[]> {
  const endTime = ctx.dialect === 'postgresql' ? trx.raw('end_time::text as cursor_time') : trx.raw('end_time as cursor_time')
  const query = endedBefore(trx('flow_run').select('id', endTime).whereNull('parent_task_run_id'), cutoff)
  if (cursor) {
    const at = ctx.dialect === 'postgresql' ? trx.raw('?::timestamptz', [cursor.endTime]) : cursor.endTime
    query.where('end_time', '>=', at).where((inner) => inner.where('end_time', '>', at).orWhere('id', '>', cursor.id))
  }

  query.orderBy([{column: 'end_time'}, {column: 'id'}]).limit(ctx.batchSize)
  return (await (ctx.dialect === 'postgresql' ? query.forUpdate() : query)) as CandidateRow[]
}

/** Subflows of these runs that qualify once their parent task run is gone. */
async function subflowsOf(trx: Knex.Transaction, ids: string[], cutoff: Knex.Raw | string): Promise<string[]> {
  const taskRuns = trx('task_run').select('id').whereIn('flow_run_id', ids)
  const rows = (await endedBefore(trx('flow_run').select('id').whereIn('parent_task_run_id', taskRuns), cutoff)) as Array<{id: string}>
  return rows.map((row) => String(row.id))
}

async function deleteRuns(trx: Knex.Transaction, ctx: StepContext, ids: string[]): Promise<Partial<TableCounts>> {
  const counted = (await trx('flow_run_state').count({n: '*'}).whereIn('flow_run_id', ids)) as Array<{n: number | string}>
  const counts: Partial<TableCounts> = {flow_run_state: Number(counted[0].n)}
  counts.task_run_state = Number(await trx('task_run_state').whereIn('task_run_id', trx('task_run').select('id').whereIn('flow_run_id', ids)).del())
  counts.task_run = Number(await trx('task_run').whereIn('flow_run_id', ids).del())
  counts.flow_run_input = Number(await trx('flow_run_input').whereIn('flow_run_id', ids).del())
  const artifacts = (await trx('artifact').select('id', 'key').whereIn('flow_run_id', ids)) as Array<{id: string; key: string | null}>
  // The runs before their artifacts: the states (cascaded here) point at result artifacts, and
  // deleting those first would make the database null each pointer just before the state goes.
  counts.flow_run = Number(await trx('flow_run').whereIn('id', ids).del())
  counts.artifact = Number(await trx('artifact').whereIn('flow_run_id', ids).del())
  counts.artifact_collection = await reconcileCollections(trx, await collectionsPointingAt(trx, artifacts), ctx.fates)
  counts.log = Number(await trx('log').whereIn('flow_run_id', ids).del())
  return counts
}
