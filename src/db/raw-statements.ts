import type {Knex} from 'knex'

import type {Dialect} from './target.js'

/** The parts of a driver connection that sendStatements uses: pg's query, better-sqlite3's exec. */
interface RawConnection {
  query?(sql: string): Promise<unknown>
  exec?(sql: string): unknown
}

interface RawClient {
  acquireConnection(): Promise<RawConnection>
  releaseConnection(connection: unknown): Promise<unknown>
  emit(event: 'query', query: {sql: string; bindings: unknown[]}): boolean
}

/**
 * Send finished SQL statements to the driver in one call, on the connection knex would use (the
 * transaction's own inside one): PostgreSQL takes several statements in a query without
 * parameters, SQLite runs them through exec. knex's placeholder handling is skipped on purpose:
 * the statements are final, and a `?` in them is SQL, not a parameter. Each statement is still
 * announced as a knex 'query' event, so echo and --dry-run see them one by one.
 */
export async function sendStatements(knex: Knex | Knex.Transaction, dialect: Dialect, statements: readonly string[]): Promise<void> {
  if (statements.length === 0) return
  const client = knex.client as unknown as RawClient
  const connection = await client.acquireConnection()
  try {
    for (const sql of statements) client.emit('query', {sql, bindings: []})
    // A newline before each semicolon: a statement ending in a -- comment must not swallow it.
    const sql = statements.join('\n;\n')
    if (dialect === 'postgresql') await connection.query!(sql)
    else connection.exec!(sql)
  } finally {
    await client.releaseConnection(connection)
  }
}

/** What better-sqlite3 offers to lift its defensive mode. */
interface UnsafeModeConnection {
  unsafeMode?(on: boolean): unknown
}

/**
 * Turn better-sqlite3's unsafe mode on or off on the connection under a SQLite knex or knex
 * transaction (the transaction's own inside one). better-sqlite3 opens connections in SQLite's
 * defensive mode, which refuses `PRAGMA writable_schema` writes to sqlite_schema and quietly
 * ignores `PRAGMA schema_version = N`; SQLite's procedure for schema changes that leave the
 * stored rows as they are needs both. The connection is released at once (a plain knex holds
 * one connection, and the caller's next query needs it): turn it off again when done.
 */
export async function setSqliteUnsafeMode(knex: Knex | Knex.Transaction, on: boolean): Promise<void> {
  const client = knex.client as unknown as RawClient
  const connection = (await client.acquireConnection()) as UnsafeModeConnection
  try {
    if (typeof connection.unsafeMode !== 'function') throw new Error('not a better-sqlite3 connection: its defensive mode cannot be lifted')
    connection.unsafeMode(on)
  } finally {
    await client.releaseConnection(connection)
  }
}
