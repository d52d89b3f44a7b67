import type {Knex} from 'knex'

import {collectionsPointingAt, reconcileCollections} from './collections.js'
import type {StepContext} from './context.js'
import {chunks} from './sql.js'

/**
 * The service's vacuum_orphaned_logs, vacuum_orphaned_artifacts and
 * vacuum_stale_artifact_collections, for orphans that are already there (a flow run deleted
 * through the API leaves its logs and artifacts; this command's own flow-run step leaves none).
 *
 * The service finds orphans with `NOT EXISTS (flow_run)` over the whole log table in every batch,
 * a full scan that Prefect's users see pinning their database (#22874, #23079). Here the distinct
 * flow_run_id values are walked through the ix_log__flow_run_id / ix_artifact__flow_run_id
 * index, one index descent per run (a loose index scan), each checked against flow_run's primary
 * key; only the rows of the runs that are gone are read and deleted, in batches.
 */
export async function vacuumOrphans(ctx: StepContext): Promise<void> {
  await orphanedRows(ctx, 'log')
  await orphanedRows(ctx, 'artifact')
  await staleCollections(ctx)
}

async function orphanedRows(ctx: StepContext, table: 'log' | 'artifact'): Promise<void> {
  let cursor: string | null = null
  for (;;) {
    const runIds = await distinctFlowRunIds(ctx, table, cursor)
    if (runIds.length === 0) return
    cursor = runIds.at(-1)!
    const existing = new Set(((await ctx.knex('flow_run').select('id').whereIn('id', runIds)) as Array<{id: string}>).map((row) => String(row.id)))
    const gone = runIds.filter((id) => !existing.has(id))
    for (const slice of chunks(gone, ctx.batchSize)) {
      for (;;) {
        const counts = await ctx.batch(async (trx) => {
          const rows = (await trx(table)
            .select(table === 'artifact' ? ['id', 'key'] : ['id'])
            .whereIn('flow_run_id', slice)
            .whereNotExists(trx('flow_run').select(trx.raw('1')).whereRaw('flow_run.id = ??', [`${table}.flow_run_id`]))
            .limit(ctx.batchSize)) as Array<{id: string; key?: string | null}>
          if (rows.length === 0) return null
          const deleted = Number(await trx(table).whereIn('id', rows.map((row) => row.id)).del())
          if (table === 'log') return {log: deleted}
          const artifacts = rows.map((row) => ({id: row.id, key: row.key ?? null}))
          return {artifact: deleted, artifact_collection: await reconcileCollections(trx, await collectionsPointingAt(trx, artifacts), ctx.fates)}
        })
        if (counts === null) break
      }
    }
  }
}

/**
 * The next distinct non-null flow_run_id values of `table` after `cursor`, read from its
 * flow_run_id index by one descent per value (a recursive CTE: neither database skips through
 * an index by itself).
 */
async function distinctFlowRunIds(ctx: StepContext, table: 'log' | 'artifact', cursor: string | null): Promise<string[]> {
  const pg = ctx.dialect === 'postgresql'
  const first = cursor === null ? 'flow_run_id is not null' : `flow_run_id > ${pg ? '?::uuid' : '?'}`
  const sql = `with recursive ids(id) as (
      select (select flow_run_id from ${table} where ${first} order by flow_run_id limit 1)
      union all
      select (select flow_run_id from ${table} where flow_run_id > ids.id order by flow_run_id limit 1) from ids where ids.id is not null
      ${pg ? '' : 'limit ?'}
    ) select id from ids where id is not null ${pg ? 'limit ?' : ''}`
  const bindings = [...(cursor === null ? [] : [cursor]), ctx.batchSize + 1]
  const result = (await ctx.knex.raw(sql, bindings)) as Array<{id: string}> | {rows: Array<{id: string}>}
  const rows = Array.isArray(result) ? result : result.rows
  return rows.map((row) => String(row.id)).slice(0, ctx.batchSize)
}

/**
 * Collections whose latest artifact is gone (the service's stale condition), walked by id behind a
 * cursor: each row is checked once against artifact's primary key.
 */
async function staleCollections(ctx: StepContext): Promise<void> {
  let cursor: string | null = null
  for (;;) {
    const page = await stale(ctx.knex, cursor, ctx.batchSize)
    if (page.length === 0) return
    cursor = page.at(-1)!.id
    await ctx.batch(async (trx) => {
      // Checked again inside the transaction: a server may have re-pointed one meanwhile.
      const still = await stale(trx, null, ctx.batchSize, page.map((row) => row.id))
      return {artifact_collection: await reconcileCollections(trx, still, ctx.fates)}
    })
  }
}

async function stale(knex: Knex | Knex.Transaction, cursor: string | null, limit: number, ids?: string[]): Promise<Array<{id: string; key: string}>> {
  const query = knex('artifact_collection')
    .select('id', 'key')
    .whereNotExists(knex('artifact').select(knex.raw('1')).whereRaw('artifact.id = artifact_collection.latest_id'))
    .orderBy('id')
    .limit(limit)
  if (cursor !== null) query.where('id', '>', cursor)
  if (ids) query.whereIn('id', ids)
  return ((await query) as Array<{id: string; key: string}>).map((row) => ({id: String(row.id), key: row.key}))
}
