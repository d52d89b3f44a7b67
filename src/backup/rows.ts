import {sqliteFileExists} from '../db/connect.js'
import {PREFECT_DATA_TABLES} from '../db/drop-all.js'
import type {DatabaseTarget} from '../db/target.js'
import {openEnd, SqliteEnd} from '../copy/sides.js'
import {quoteIdent} from '../copy/values.js'

/**
 * Prefect's tables that hold at least one row, with their columns: what a destructive command
 * would lose. An in-memory database, a SQLite file that does not exist, or a database without
 * Prefect's tables holds none.
 */
export async function prefectTablesWithRows(target: DatabaseTarget): Promise<Map<string, string[]>> {
  const holding = new Map<string, string[]>()
  if (target.dialect === 'sqlite' && (target.memory || !sqliteFileExists(target))) return holding
  const end = await openEnd(target, 'read')
  try {
    for (const [name, info] of await end.tables()) {
      if (!PREFECT_DATA_TABLES.has(name)) continue
      const sql = `select exists (select 1 from ${quoteIdent(name)}) as e`
      const any = end instanceof SqliteEnd ? Boolean(end.db.prepare(sql).pluck().get()) : (await end.client.query<{e: boolean}>(sql)).rows[0].e
      if (any) holding.set(name, info.columns.map((column) => column.name))
    }

    return holding
  } finally {
    await end.close()
  }
}
