/**
 * The content of a Prefect database as the copy verifies it: per table of Prefect's chains, the
 * row count and the order-independent hash of canonical values (row-hash.ts), read inside one
 * snapshot. The hashes do not depend on the dialect: a table hashes the same on SQLite and on
 * PostgreSQL when it holds the same values, so a backup's hashes can be checked after a restore
 * in either direction.
 */
import type {DatabaseTarget} from '../db/target.js'
import {PREFECT_DATA_TABLES} from '../db/drop-all.js'
import {columnPlan, hashTable} from './copy.js'
import {openEnd, SqliteEnd} from './sides.js'

export interface TableContent {
  table: string
  rows: number
  hash: string
}

export interface DatabaseContent {
  /** alembic_version's revision (null: none). */
  revision: string | null
  tables: TableContent[]
}

/** Counts and hashes of every Prefect table of the database, in one read-only snapshot. */
export async function contentHashes(target: DatabaseTarget, onRows?: (table: string, rows: number) => void): Promise<DatabaseContent> {
  const end = await openEnd(target, 'read')
  try {
    if (end instanceof SqliteEnd) end.beginSnapshot()
    else await end.beginSnapshot()
    const tables = await end.tables()
    const revision = tables.has('alembic_version')
      ? end instanceof SqliteEnd
        ? ((end.db.prepare('select version_num from alembic_version').pluck().get() as string | undefined) ?? null)
        : ((await end.client.query<{v: string}>('select version_num as v from alembic_version')).rows[0]?.v ?? null)
      : null
    const content: TableContent[] = []
    for (const name of [...tables.keys()].filter((table) => PREFECT_DATA_TABLES.has(table)).sort()) {
      const info = tables.get(name)!
      const plan = columnPlan(target.dialect, target.dialect, info, info)
      const hash = await hashTable(end, name, plan, (rows) => onRows?.(name, rows))

      content.push({table: name, rows: hash.rows, hash: hash.digest()})
    }

    return {revision, tables: content}
  } finally {
    await end.close()
  }
}
