import {ConnectionError, isPrefectError, MigrationError, type PrefectError} from '../errors.js'
import type {DatabaseTarget} from './target.js'

type DriverError = Error & {code?: string; errno?: number; name: string}

/**
 * Turn a driver error (pg, better-sqlite3, the OS) into one clear line that names the database
 * by its masked URL and says what to do. Errors we do not recognise as connection problems come
 * back as null so the caller can report them in its own context (e.g. the failing revision).
 */
export function translateConnectionError(error: unknown, target: DatabaseTarget): PrefectError | null {
  if (isPrefectError(error)) return error
  const err = error as DriverError
  const code = err?.code ?? ''
  const message = driverMessage(String(err?.message ?? err))
  return target.dialect === 'sqlite' ? sqliteError(code, message, target.filename) : postgresError(code, message, target)
}

/** Like translateConnectionError, but always yields a PrefectError (the fallback names `what` failed). */
export function toPrefectError(error: unknown, target: DatabaseTarget, what: string): PrefectError {
  return translateConnectionError(error, target) ?? new MigrationError(`${what} failed on ${target.displayUrl}: ${errorFirstLine(error)}`)
}

/** knex prefixes a driver's message with the whole statement ("<sql> - <message>"): keep the message. */
function driverMessage(text: string): string {
  const separator = text.lastIndexOf(' - ')
  const message = separator === -1 ? text : text.slice(separator + 3)
  return message.replace(/\s+/g, ' ').trim()
}

export function errorFirstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error)
  return text.split('\n').find((line) => line.trim() !== '')?.trim() ?? text
}

function postgresError(code: string, message: string, target: Extract<DatabaseTarget, {dialect: 'postgresql'}>): PrefectError | null {
  const where = `the database at ${target.displayUrl}`
  const server = `${target.host}:${target.port}`
  switch (code) {
    case 'ECONNREFUSED':
      return new ConnectionError(`Cannot connect to ${where}: connection refused by ${server}.`, 'Is PostgreSQL running and listening on that host and port?')
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new ConnectionError(`Cannot connect to ${where}: the host '${target.host}' was not found.`, 'Check the host name in the connection URL.')
    case 'ECONNRESET':
    case 'EPIPE':
      return new ConnectionError(`Cannot connect to ${where}: the server at ${server} closed the connection.`, 'Check that it is a PostgreSQL server and whether it requires TLS (sslmode).')
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return new ConnectionError(`Cannot connect to ${where}: ${server} is unreachable.`, 'Check the host and your network.')
    case '28P01':
    case '28000':
      return new ConnectionError(`Cannot connect to ${where}: authentication failed for user '${target.user ?? ''}'.`, 'Check the user and password in PREFECT_SERVER_DATABASE_CONNECTION_URL (or PREFECT_SERVER_DATABASE_PASSWORD).')
    case '3D000':
      return new ConnectionError(`The database "${target.database}" does not exist on ${server}.`, `Create it first, e.g. \`createdb -h ${target.host} -p ${target.port}${target.user ? ` -U ${target.user}` : ''} ${target.database}\` or CREATE DATABASE "${target.database}";`)
    case '42501':
      return new ConnectionError(`Permission denied on ${where}: ${message}.`, 'Connect as a role that owns the database or has the needed privileges.')
    case '53300':
    case '57P03':
      return new ConnectionError(`Cannot connect to ${where}: ${message}.`, 'Try again later.')
  }

  if (/timeout expired|connection timeout|Timeout acquiring a connection/i.test(message)) {
    const seconds = target.options.connectionTimeoutSeconds
    return new ConnectionError(`Cannot connect to ${where}: no answer from ${server}${seconds ? ` within ${seconds} s` : ''}.`, 'Check the host, port and firewall, or raise PREFECT_SERVER_DATABASE_CONNECTION_TIMEOUT.')
  }

  if (/does not support SSL|SSL|certificate|self.signed/i.test(message) && !/^\d/.test(code)) {
    return new ConnectionError(`Cannot connect to ${where}: TLS failed: ${message}.`, 'Check sslmode and the TLS settings (PREFECT_SERVER_DATABASE_SQLALCHEMY_CONNECT_ARGS_TLS_*).')
  }

  if (/Connection terminated|terminating connection|not queryable|the database system is (shutting down|starting up|in recovery mode)/i.test(message) || code === '57P01' || code === '57P02' || code === '57P03') {
    return new ConnectionError(`Lost the connection to ${where}: ${message}.`, 'Check the server, then run the command again.')
  }

  return null
}

function sqliteError(code: string, message: string, file: string): PrefectError | null {
  // better-sqlite3 reports extended codes (SQLITE_READONLY_DIRECTORY); the primary code decides.
  const primary = code.startsWith('SQLITE_') ? code.split('_').slice(0, 2).join('_') : code
  switch (primary) {
    case 'SQLITE_CANTOPEN':
      return new ConnectionError(`The SQLite database file '${file}' cannot be opened.`, 'Check that it is a file, and the permissions of the file and its directory.')
    case 'SQLITE_READONLY':
      return new ConnectionError(`The SQLite database '${file}' is read-only here.`, 'Check the permissions of the file and of its directory.')
    case 'SQLITE_NOTADB':
      return new ConnectionError(`The file '${file}' is not a SQLite database.`, 'Point PREFECT_SERVER_DATABASE_CONNECTION_URL at a SQLite database file, or move the file away.')
    case 'SQLITE_CORRUPT':
      return new ConnectionError(`The SQLite database '${file}' is corrupt: ${message}.`, 'Restore it from a backup.')
    case 'SQLITE_BUSY':
    case 'SQLITE_LOCKED':
      return new ConnectionError(`The SQLite database '${file}' is locked by another process.`, 'Stop the other writer (e.g. a running Prefect server) or raise PREFECT_SERVER_DATABASE_TIMEOUT.')
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
    case 'ENOTDIR':
    case 'EEXIST':
      return new ConnectionError(`Cannot create the directory for the SQLite database '${file}' (${code}).`, 'Check the path and its permissions.')
  }

  return null
}
