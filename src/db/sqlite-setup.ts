import type BetterSqlite3 from 'better-sqlite3'

import {ConnectionError} from '../errors.js'
import type {SqliteTarget} from './target.js'

const MINIMUM_VERSION = [3, 24, 0]

/**
 * The pragmas Prefect sets on every SQLite connection (configurations.py `setup_sqlite`).
 * WAL lets readers (`current`, `history`, a running server) go on while a migration writes.
 * Read-only opens skip journal_mode, which would need a write.
 */
export function applySqlitePragmas(db: BetterSqlite3.Database, target: SqliteTarget, write: boolean): void {
  const busyMs = Math.round((target.options.timeoutSeconds ?? 60) * 1000)
  db.pragma(`busy_timeout = ${busyMs}`)
  if (write && !target.memory) db.pragma('journal_mode = WAL')
  db.pragma('foreign_keys = ON')
  db.pragma('legacy_alter_table = OFF')
  db.pragma('synchronous = NORMAL')
  db.pragma('cache_size = 20000')
}

/** SQLite ≥ 3.24 with the JSON1 functions, as Prefect's migrations need. */
export async function checkSqlite(rows: (sql: string) => Promise<unknown>): Promise<string> {
  const [{version}] = (await rows('select sqlite_version() as version')) as Array<{version: string}>
  const parts = version.split('.').map(Number)
  const tooOld = MINIMUM_VERSION.some((minimum, i) => {
    const earlier = MINIMUM_VERSION.slice(0, i).every((m, j) => parts[j] === m)
    return earlier && (parts[i] ?? 0) < minimum
  })
  if (tooOld) throw new ConnectionError(`Prefect requires SQLite >= 3.24.0 but found version ${version}.`, 'Upgrade the SQLite library.')
  try {
    await rows(`select json_extract('{"a": 1}', '$.a') as a`)
  } catch {
    throw new ConnectionError(`The SQLite library (version ${version}) lacks the JSON1 functions Prefect's schema needs.`, 'Use a SQLite build with JSON1.')
  }

  return version
}

/**
 * Make the knex client open top-level transactions with BEGIN IMMEDIATE, as Prefect does for
 * migrations: the write lock is taken up front, so a concurrent writer makes us wait (busy
 * timeout) instead of failing half-way with SQLITE_BUSY when a read turns into a write.
 */
export function useImmediateTransactions(knex: {client: unknown}): void {
  const client = knex.client as {transaction: (...args: unknown[]) => {begin: (conn: unknown) => unknown; query: (conn: unknown, sql: string) => unknown}}
  const original = client.transaction.bind(client)
  client.transaction = (...args: unknown[]) => {
    const trx = original(...args)
    trx.begin = (conn: unknown) => trx.query(conn, 'BEGIN IMMEDIATE;')
    return trx
  }
}
