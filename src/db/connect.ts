import fs from 'node:fs'
import path from 'node:path'

import type {Knex} from 'knex'

import {ConnectionError} from '../errors.js'
import {toPrefectError} from './connection-errors.js'
import {postgresClientConfig} from './postgres-config.js'
import {sqliteNativeBinding} from './sqlite-native.js'
import {applySqlitePragmas, checkSqlite, useImmediateTransactions} from './sqlite-setup.js'
import type {DatabaseTarget, PostgresTarget, SqliteTarget} from './target.js'

export type KnexFactory = typeof import('knex').default

/**
 * knex, loaded on the first open: importing this module (as every database command does) costs
 * nothing until a connection is needed, so a run that never opens one through knex (a baseline
 * install, which uses the driver directly) never loads knex's hundreds of kilobytes.
 */
export async function loadKnex(): Promise<KnexFactory> {
  return (await import('knex')).default
}

/** knex logs driver errors with stack traces; we report them ourselves, in one line. */
export const QUIET: Knex.Logger = {warn() {}, error() {}, deprecate() {}, debug() {}}

export interface OpenOptions {
  /**
   * 'migrate': may create the SQLite file and its directory; PostgreSQL statements use the
   * migration timeout. 'read': never creates anything (callers check sqliteFileExists first).
   */
  mode: 'migrate' | 'read'
  /** Where one-line warnings go (old server versions). */
  warn?: (message: string) => void
  /** Told the SQL of every statement sent on this connection (the CLI echoes it for PREFECT_SERVER_DATABASE_ECHO). */
  onQuery?: (sql: string) => void
}

export interface OpenDatabase {
  knex: Knex
  target: DatabaseTarget
  /** The server or library version, e.g. '3.45.1' or '16.4'. */
  version: string
}

/** Whether a SQLite target's file exists (in-memory databases always "exist"). */
export function sqliteFileExists(target: SqliteTarget): boolean {
  return target.memory || fs.existsSync(target.filename)
}

/**
 * Before a writing run touches a SQLite database (even to read it: a WAL reader creates -shm
 * and -wal files), make sure the file may be written, so a read-only file fails cleanly.
 */
export function assertSqliteWritable(target: SqliteTarget): void {
  if (target.memory || !fs.existsSync(target.filename)) return
  try {
    fs.accessSync(target.filename, fs.constants.W_OK)
  } catch {
    throw toPrefectError(Object.assign(new Error('read-only'), {code: 'SQLITE_READONLY'}), target, 'Opening')
  }
}

/**
 * Open a knex instance on the target, checked: the first query runs here, so an unreachable
 * server, a wrong password or an unopenable file fail now with one clear line (ConnectionError).
 * Callers must `await db.knex.destroy()`.
 */
export async function openDatabase(target: DatabaseTarget, options: OpenOptions): Promise<OpenDatabase> {
  const knexFactory = await loadKnex()
  const knex = target.dialect === 'sqlite' ? openSqlite(knexFactory, target, options) : openPostgres(knexFactory, target, options)
  const {onQuery} = options
  if (onQuery) knex.on('query', (query: {sql: string}) => onQuery(query.sql))
  try {
    const version = target.dialect === 'sqlite' ? await checkSqlite((sql) => knex.raw(sql)) : await checkPostgres(knex, target, options)
    return {knex, target, version}
  } catch (error) {
    await knex.destroy().catch(() => {})
    throw toPrefectError(error, target, 'Connecting')
  }
}

/** A writing open creates the SQLite file's directory (owner only), as Prefect does. */
export function makeSqliteDirectory(target: SqliteTarget): void {
  if (target.memory) return
  try {
    fs.mkdirSync(path.dirname(target.filename), {recursive: true, mode: 0o700})
  } catch (error) {
    throw toPrefectError(error, target, 'Creating the database directory')
  }
}

function openSqlite(knexFactory: KnexFactory, target: SqliteTarget, options: OpenOptions): Knex {
  const write = options.mode === 'migrate'
  if (write) assertSqliteWritable(target)
  if (write) makeSqliteDirectory(target)
  const knex = singleSqliteConnection(knexFactory, target.filename, (conn) => applySqlitePragmas(conn, target, write))
  useImmediateTransactions(knex)
  return knex
}

function openPostgres(knexFactory: KnexFactory, target: PostgresTarget, options: OpenOptions): Knex {
  const statementTimeoutSeconds = options.mode === 'migrate' ? target.options.migrationTimeoutSeconds : target.options.timeoutSeconds
  const connectionTimeout = target.options.connectionTimeoutSeconds
  return knexFactory({
    client: 'pg',
    // Unless told, knex asks the server for its version (a round trip) on its first connection;
    // it only uses it to choose jsonb (9.2+), and checkPostgres refuses anything older than 13.
    version: '13',
    log: QUIET,
    connection: postgresClientConfig(target, {statementTimeoutSeconds}) as Knex.PgConnectionConfig,
    pool: {min: 0, max: 1},
    acquireConnectionTimeout: connectionTimeout ? Math.round(connectionTimeout * 1000) + 1000 : 60_000,
  })
}

async function checkPostgres(knex: Knex, target: PostgresTarget, options: OpenOptions): Promise<string> {
  return checkPostgresVersion(async (sql) => ((await knex.raw(sql)) as {rows: unknown[]}).rows, target, options.warn)
}

/** PostgreSQL ≥ 13 (a warning below 14.9, the oldest Prefect supports); its short version. */
export async function checkPostgresVersion(rows: (sql: string) => Promise<unknown[]>, target: PostgresTarget, warn?: (message: string) => void): Promise<string> {
  const [{num, version}] = (await rows("select current_setting('server_version_num')::int as num, current_setting('server_version') as version")) as Array<{num: number; version: string}>
  const short = version.split(' ')[0]
  if (num < 130_000) {
    throw new ConnectionError(`PostgreSQL ${short} at ${target.displayUrl} is too old: prefect-dbadmin needs 13 or newer.`, 'Upgrade the server (Prefect supports 14.9+).')
  }

  if (num < 140_009) warn?.(`PostgreSQL ${short} is older than 14.9, the oldest version Prefect supports.`)
  return short
}

/**
 * knex on exactly one better-sqlite3 connection, prepared by `setUp` when it opens: pragmas
 * such as foreign_keys are per connection, and an in-memory database lives exactly as long as
 * its connection.
 */
export function singleSqliteConnection(knexFactory: KnexFactory, filename: string, setUp: (conn: Parameters<typeof applySqlitePragmas>[0]) => void): Knex {
  return knexFactory({
    client: 'better-sqlite3',
    connection: {filename, options: sqliteNativeBinding()},
    useNullAsDefault: true,
    log: QUIET,
    pool: {
      min: 1,
      max: 1,
      idleTimeoutMillis: 2_147_483_647,
      afterCreate(conn: Parameters<typeof applySqlitePragmas>[0], done: (error: Error | null, conn: unknown) => void) {
        try {
          setUp(conn)
          done(null, conn)
        } catch (error) {
          done(error as Error, conn)
        }
      },
    },
  })
}
