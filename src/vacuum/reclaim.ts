import fs from 'node:fs'

import type {Knex} from 'knex'

import type {DatabaseTarget} from '../db/target.js'
import type {ReclaimResult, TableCounts} from './types.js'

/**
 * --reclaim. SQLite: VACUUM rewrites the file without its free pages (the write lock is held
 * while it runs) and a TRUNCATE checkpoint empties the WAL. PostgreSQL: plain VACUUM (ANALYZE) on
 * each table rows left, which makes the space reusable and refreshes the planner's statistics
 * without blocking the server, but rarely shrinks the files: VACUUM FULL (an ACCESS EXCLUSIVE
 * lock for as long as it rewrites the table) or pg_repack do.
 */
export async function reclaimSpace(knex: Knex, target: DatabaseTarget, deleted: TableCounts): Promise<ReclaimResult> {
  if (target.dialect === 'sqlite') {
    const size = () => (target.memory ? null : fileSize(target.filename) + fileSize(`${target.filename}-wal`))
    const bytesBefore = size()
    await knex.raw('PRAGMA wal_checkpoint(TRUNCATE)')
    await knex.raw('VACUUM')
    await knex.raw('PRAGMA wal_checkpoint(TRUNCATE)')
    return {statement: 'VACUUM', bytesBefore, bytesAfter: size(), note: null}
  }

  const tables = (Object.entries(deleted) as Array<[string, number]>).filter(([, rows]) => rows > 0).map(([table]) => table)
  for (const table of tables) await knex.raw('VACUUM (ANALYZE) ??', [table])
  return {
    statement: `VACUUM (ANALYZE) on ${tables.length === 0 ? 'no table (nothing was deleted)' : tables.join(', ')}`,
    bytesBefore: null,
    bytesAfter: null,
    note: 'Plain VACUUM makes the space reusable inside the tables but rarely returns it to the file system; VACUUM FULL (which locks each table for the whole rewrite) or pg_repack shrink the files.',
  }
}

function fileSize(file: string): number {
  try {
    return fs.statSync(file).size
  } catch {
    return 0
  }
}
