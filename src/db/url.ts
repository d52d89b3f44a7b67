import path from 'node:path'

import {ConfigError} from '../errors.js'
import {maskUrl} from '../mask.js'
import {type ConnectionOptions, type DatabaseTarget, defaultConnectionOptions} from './target.js'

/**
 * Database URLs in SQLAlchemy's form, as Prefect users write them:
 *   sqlite+aiosqlite:////abs/path/prefect.db   sqlite:///relative/path.db   sqlite+aiosqlite:///:memory:
 *   sqlite+aiosqlite:///file::memory:?cache=shared&uri=true&check_same_thread=false
 *   postgresql+asyncpg://user:pass@host:5432/db?sslmode=require   postgresql://…   postgres://…
 */
const SQLITE_DRIVERS = new Set(['', 'aiosqlite', 'pysqlite'])
const POSTGRES_DRIVERS = new Set(['', 'asyncpg', 'psycopg', 'psycopg2', 'pg8000'])
/** Query parameters of SQLAlchemy/aiosqlite URLs that only mean something to Python's driver. */
const SQLITE_DRIVER_PARAMS = new Set(['uri', 'check_same_thread', 'timeout', 'cache', 'mode', 'isolation_level'])

export function parseDatabaseUrl(
  url: string,
  options: ConnectionOptions = defaultConnectionOptions(),
  cwd: string = process.cwd(),
): DatabaseTarget {
  const trimmed = url.trim()
  const match = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/(.*)$/s.exec(trimmed)
  if (!match) {
    throw new ConfigError(
      `The database connection URL '${maskUrl(trimmed)}' is not a URL.`,
      "Expected e.g. 'sqlite+aiosqlite:////path/to/prefect.db' or 'postgresql+asyncpg://user:password@host:5432/prefect'.",
    )
  }

  const scheme = match[1].toLowerCase()
  const [dialectName, driver = ''] = scheme.split('+', 2)
  const rest = match[2]
  const displayUrl = maskUrl(trimmed)

  if (dialectName === 'sqlite') {
    if (!SQLITE_DRIVERS.has(driver)) throw unsupportedDriver(scheme, displayUrl)
    return parseSqlite(trimmed, scheme, rest, displayUrl, options, cwd)
  }

  if (dialectName === 'postgresql' || dialectName === 'postgres') {
    if (!POSTGRES_DRIVERS.has(driver)) throw unsupportedDriver(scheme, displayUrl)
    return parsePostgres(trimmed, scheme, rest, displayUrl, options)
  }

  throw new ConfigError(
    `Unsupported database dialect '${dialectName}' in '${displayUrl}'.`,
    "Use a 'sqlite+aiosqlite://' or 'postgresql+asyncpg://' URL.",
  )
}

function unsupportedDriver(scheme: string, displayUrl: string): ConfigError {
  return new ConfigError(
    `Unsupported database driver '${scheme}' in '${displayUrl}'.`,
    "Use 'sqlite+aiosqlite' or 'postgresql+asyncpg'.",
  )
}

function splitQuery(rest: string): [string, URLSearchParams] {
  const index = rest.indexOf('?')
  if (index === -1) return [rest, new URLSearchParams()]
  return [rest.slice(0, index), new URLSearchParams(rest.slice(index + 1))]
}

function parseSqlite(
  url: string,
  scheme: string,
  rest: string,
  displayUrl: string,
  options: ConnectionOptions,
  cwd: string,
): DatabaseTarget {
  const [location, query] = splitQuery(rest)
  if (location !== '' && !location.startsWith('/')) {
    throw new ConfigError(
      `The SQLite URL '${displayUrl}' names a host ('${location.split('/')[0]}'); SQLite URLs have none.`,
      "Write three slashes before a relative path and four before an absolute one: 'sqlite+aiosqlite:////abs/path/prefect.db'.",
    )
  }

  const unknown = [...query.keys()].filter((key) => !SQLITE_DRIVER_PARAMS.has(key))
  if (unknown.length > 0) {
    throw new ConfigError(
      `Unsupported query parameter '${unknown[0]}' in the SQLite URL '${displayUrl}'.`,
      `Supported: ${[...SQLITE_DRIVER_PARAMS].join(', ')}.`,
    )
  }

  let file = decodeURIComponent(location.slice(1))
  if (file.startsWith('file:')) file = file.slice('file:'.length)
  const memory = file === '' || file === ':memory:' || query.get('mode') === 'memory'
  if (memory) {
    return {dialect: 'sqlite', url, displayUrl, scheme, options, filename: ':memory:', memory: true}
  }

  return {dialect: 'sqlite', url, displayUrl, scheme, options, filename: path.resolve(cwd, file), memory: false}
}

function parsePostgres(
  url: string,
  scheme: string,
  rest: string,
  displayUrl: string,
  options: ConnectionOptions,
): DatabaseTarget {
  const [location, query] = splitQuery(rest)
  const at = location.lastIndexOf('@')
  const userinfo = at === -1 ? '' : location.slice(0, at)
  const afterUser = at === -1 ? location : location.slice(at + 1)
  const slash = afterUser.indexOf('/')
  const hostport = slash === -1 ? afterUser : afterUser.slice(0, slash)
  const database = slash === -1 ? '' : decodeComponent(afterUser.slice(slash + 1), displayUrl)

  let user: string | null = null
  let password: string | null = null
  if (userinfo !== '') {
    const colon = userinfo.indexOf(':')
    user = decodeComponent(colon === -1 ? userinfo : userinfo.slice(0, colon), displayUrl)
    password = colon === -1 ? null : decodeComponent(userinfo.slice(colon + 1), displayUrl)
  }

  const hostMatch = /^(\[[^\]]+\]|[^:]*)(?::(.*))?$/.exec(hostport)
  let host = hostMatch?.[1] ?? ''
  const portText = hostMatch?.[2]
  if (host.startsWith('[')) host = host.slice(1, -1)
  let port = 5432
  if (portText !== undefined) {
    if (!/^\d{1,5}$/.test(portText) || Number(portText) < 1 || Number(portText) > 65_535) {
      throw new ConfigError(
        `The port '${portText}' in the database URL '${displayUrl}' is not a port number.`,
        'Write the port as a number from 1 to 65535, e.g. localhost:5432.',
      )
    }

    port = Number(portText)
  }

  const params: Record<string, string> = {}
  for (const [key, value] of query) params[key] = value
  if (params.host) {
    host = params.host
    delete params.host
  }

  if (params.port) {
    port = Number(params.port)
    delete params.port
  }

  if (params.user) {
    user = params.user
    delete params.user
  }

  if (params.password) {
    password = params.password
    delete params.password
  }

  if (host === '') {
    throw new ConfigError(
      `The PostgreSQL URL '${displayUrl}' names no host.`,
      "Write it as 'postgresql+asyncpg://user:password@host:5432/database'.",
    )
  }

  if (database === '' || database.includes('/')) {
    throw new ConfigError(
      `The PostgreSQL URL '${displayUrl}' names no database.`,
      "Write it as 'postgresql+asyncpg://user:password@host:5432/database'.",
    )
  }

  return {dialect: 'postgresql', url, displayUrl, scheme, options, host, port, user, password, database, params}
}

function decodeComponent(text: string, displayUrl: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    throw new ConfigError(
      `The database URL '${displayUrl}' has a malformed %-escape.`,
      'Percent-encode special characters in the user name and password (e.g. @ as %40).',
    )
  }
}
