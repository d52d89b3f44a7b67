import {assertSqliteWritable} from '../db/connect.js'
import {acquireSqliteLock} from '../db/lock-sqlite.js'
import {openRawConnection} from '../db/raw-connection.js'
import type {SqliteTarget} from '../db/target.js'
import {INTERRUPTED_MS, RECORD_TABLE, VERSION_TABLE} from '../migrator/record-tables.js'

/**
 * Whether a SQLite file is at `head` with nothing to do: the one question of an upgrade at every
 * deployment's start, answered before the engine, its chain and its record reader load (they cost
 * that run more than the answer). True only in the shape the engine's own no-op check
 * (migrate.ts, nothingToUpgrade) answers the same way: the file exists and may be written,
 * alembic_version holds exactly `head`, our log (when there is one) reads and does not mark it
 * half reverted; read once, then again under the migration lock taken without waiting. Anything
 * else, a failure included, is false, and the engine answers as it always does: a lock held by
 * another run is waited for there, with its line; a broken file is reported there.
 */
export async function sqliteAtHead(target: SqliteTarget, head: string): Promise<boolean> {
  if (target.memory) return false
  try {
    assertSqliteWritable(target)
  } catch {
    return false
  }

  // Read-only, as the engine's check opens it: a file that must be refused stays untouched.
  const db = await openRawConnection(target, {mode: 'read'}).catch(() => null)
  if (!db) return false
  try {
    const atHead = async (): Promise<boolean> => {
      const tables = new Set(((await db.rows(`select name from sqlite_master where type = 'table' and name in ('${VERSION_TABLE}', '${RECORD_TABLE}')`)) as Array<{name: string}>).map((row) => row.name))
      if (!tables.has(VERSION_TABLE)) return false
      const versions = (await db.rows(`select version_num from ${VERSION_TABLE}`)) as Array<{version_num: string}>
      if (versions.length !== 1 || versions[0].version_num !== head) return false
      if (!tables.has(RECORD_TABLE)) return true
      // The engine's statement: a log it cannot read is its to report.
      const log = (await db.rows(`select revision, applied_at, execution_ms from ${RECORD_TABLE}`)) as Array<{revision: string; execution_ms: number}>
      return !log.some((row) => row.revision === head && Number(row.execution_ms) === INTERRUPTED_MS)
    }

    if (!(await atHead())) return false
    const lock = await acquireSqliteLock(target, {action: 'upgrade', timeoutSeconds: 0})
    try {
      return await atHead()
    } finally {
      await lock.release()
    }
  } catch {
    return false
  } finally {
    await db.close()
  }
}
