import {checkPostgresVersion, makeSqliteDirectory} from './connect.js'
import {toPrefectError} from './connection-errors.js'
import {postgresClientConfig} from './postgres-config.js'
import {sqliteNativeBinding} from './sqlite-native.js'
import {applySqlitePragmas, checkSqlite} from './sqlite-setup.js'
import type {DatabaseTarget} from './target.js'

/**
 * One connection straight through the driver (better-sqlite3 or pg), without knex: for the
 * baseline install, whose whole work is a few statements, so that it never loads knex. Opened
 * like openDatabase's 'migrate' mode: the same pragmas, timeouts, TLS, search path and version
 * checks. Each statement is told to `onQuery` (PREFECT_SERVER_DATABASE_ECHO).
 */
export interface RawConnection {
  /** The rows of one statement. */
  rows(sql: string): Promise<unknown[]>
  /** Several statements in one call (SQLite exec, a PostgreSQL simple query). */
  send(statements: readonly string[]): Promise<void>
  close(): Promise<void>
}

export interface RawOpenOptions {
  /** 'read': an existing SQLite file opened read-only (creates nothing, no WAL switch). */
  mode: 'migrate' | 'read'
  warn?: (message: string) => void
  onQuery?: (sql: string) => void
}

export async function openRawConnection(target: DatabaseTarget, options: RawOpenOptions): Promise<RawConnection> {
  try {
    return target.dialect === 'sqlite' ? await openSqlite(target, options) : await openPostgres(target, options)
  } catch (error) {
    throw toPrefectError(error, target, 'Connecting')
  }
}

async function openSqlite(target: DatabaseTarget & {dialect: 'sqlite'}, options: RawOpenOptions): Promise<RawConnection> {
  const write = options.mode === 'migrate'
  if (write) makeSqliteDirectory(target)
  const {default: Database} = await import('better-sqlite3')
  const db = new Database(target.filename, {...sqliteNativeBinding(), ...(write ? {} : {readonly: true, fileMustExist: true})})
  const tell = (sql: string) => options.onQuery?.(sql)
  const connection: RawConnection = {
    async rows(sql) {
      tell(sql)
      const statement = db.prepare(sql)
      return statement.reader ? statement.all() : (statement.run(), [])
    },
    async send(statements) {
      for (const sql of statements) tell(sql)
      // A newline before each semicolon: a statement ending in a -- comment must not swallow it.
      db.exec(statements.join('\n;\n'))
    },
    async close() {
      db.close()
    },
  }
  try {
    applySqlitePragmas(db, target, write)
    await checkSqlite((sql) => connection.rows(sql))
  } catch (error) {
    db.close()
    throw error
  }

  return connection
}

async function openPostgres(target: DatabaseTarget & {dialect: 'postgresql'}, options: RawOpenOptions): Promise<RawConnection> {
  const {default: pg} = await import('pg')
  const statementTimeoutSeconds = options.mode === 'migrate' ? target.options.migrationTimeoutSeconds : target.options.timeoutSeconds
  const client = new pg.Client(postgresClientConfig(target, {statementTimeoutSeconds}))
  // An error on an idle client (the server went away between statements) surfaces on the next query.
  client.on('error', () => {})
  const tell = (sql: string) => options.onQuery?.(sql)
  const connection: RawConnection = {
    async rows(sql) {
      tell(sql)
      return (await client.query(sql)).rows
    },
    async send(statements) {
      for (const sql of statements) tell(sql)
      await client.query(statements.join('\n;\n'))
    },
    async close() {
      await client.end().catch(() => {})
    },
  }
  try {
    await client.connect()
    await checkPostgresVersion((sql) => connection.rows(sql), target, options.warn)
  } catch (error) {
    await connection.close()
    throw error
  }

  return connection
}

/**
 * For a `.catch` on an open that may hand its database to the usual path: on SQLite null (the
 * usual path opens the file again and reports what it finds); on PostgreSQL the error again, for
 * a server that cannot be reached would only be tried again there, waiting out the timeout twice.
 */
export function unlessPostgres(target: DatabaseTarget): (error: unknown) => null {
  return (error) => {
    if (target.dialect === 'postgresql') throw error
    return null
  }
}
