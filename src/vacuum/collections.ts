import type {Knex} from 'knex'

import {chunks} from './sql.js'

/**
 * What happened to artifact collections over the whole run. A collection can be re-pointed more
 * than once (its newest remaining artifact goes in a later batch) or re-pointed and then removed;
 * the summary counts each collection once, by its final fate.
 */
export class CollectionFates {
  readonly repointed = new Set<string>()
  readonly removed = new Set<string>()

  get repointedCount(): number {
    return [...this.repointed].filter((id) => !this.removed.has(id)).length
  }
}

interface CollectionRow {
  id: string
  key: string
}

/**
 * The service's reconciliation (_reconcile_artifact_collections), for the given collections whose
 * latest artifact is gone: re-point each at the newest artifact left with its key, copying that
 * artifact's fields as Prefect does, or remove the collection when none is left. Returns how many
 * collection rows were removed.
 */
export async function reconcileCollections(trx: Knex.Transaction, rows: readonly CollectionRow[], fates: CollectionFates): Promise<number> {
  let removed = 0
  for (const row of rows) {
    const next = (await trx('artifact').select('id').where('key', row.key).orderBy([{column: 'created', order: 'desc'}, {column: 'id', order: 'desc'}]).first()) as {id: string} | undefined
    if (next) {
      await trx.raw(
        `update artifact_collection set (latest_id, data, description, type, created, updated, flow_run_id, task_run_id, metadata_) =
          (select id, data, description, type, created, updated, flow_run_id, task_run_id, metadata_ from artifact where id = ?) where id = ?`,
        [next.id, row.id],
      )
      fates.repointed.add(String(row.id))
    } else {
      removed += Number(await trx('artifact_collection').where('id', row.id).del())
      fates.removed.add(String(row.id))
    }
  }

  return removed
}

/** The collections whose latest artifact is one of `artifacts` (looked up by key and id, which ix_artifact_collection__key_latest_id covers). */
export async function collectionsPointingAt(trx: Knex.Transaction, artifacts: ReadonlyArray<{id: string; key: string | null}>): Promise<CollectionRow[]> {
  const keyed = artifacts.filter((artifact) => artifact.key !== null)
  const rows: CollectionRow[] = []
  for (const slice of chunks(keyed)) {
    const keys = [...new Set(slice.map((artifact) => artifact.key as string))]
    rows.push(...((await trx('artifact_collection').select('id', 'key').whereIn('key', keys).whereIn('latest_id', slice.map((artifact) => artifact.id))) as CollectionRow[]))
  }

  return rows
}
