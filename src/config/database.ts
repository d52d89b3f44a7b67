import {ConfigError} from '../errors.js'
import type {ConnectionOptions, DatabaseTarget} from '../db/target.js'
import {parseDatabaseUrl} from '../db/url.js'
import {registerSecret} from '../mask.js'
import type {ResolvedSettings} from './types.js'

/**
 * The database the settings point at, as Prefect derives it (a warning goes to `warn`, which the
 * caller passes; without it, it is dropped): the connection URL if set (with
 * ${PREFECT_HOME} and the password placeholders filled in), else a URL built from
 * DRIVER/HOST/PORT/USER/NAME/PASSWORD, else SQLite in PREFECT_HOME.
 */
export function databaseUrl(settings: ResolvedSettings, warn: (message: string) => void = () => {}): string {
  const password = settings.get('PREFECT_SERVER_DATABASE_PASSWORD') as string | null
  registerSecret(password)
  const configured = settings.get('PREFECT_SERVER_DATABASE_CONNECTION_URL') as string | null
  let url = configured ?? builtUrl(settings, password)
  url = url.replaceAll('${PREFECT_HOME}', settings.home).replaceAll(/\$PREFECT_HOME(?![A-Za-z0-9_])/g, settings.home)
  if (configured !== null) url = fillPassword(url, password, warn)
  return url
}

function builtUrl(settings: ResolvedSettings, password: string | null): string {
  const driver = settings.get('PREFECT_SERVER_DATABASE_DRIVER') as string | null
  if (driver === null) return `sqlite+aiosqlite:///${settings.home}/prefect.db`
  const name = settings.get('PREFECT_SERVER_DATABASE_NAME') as string | null
  if (driver === 'sqlite+aiosqlite') {
    if (name === null) throw new ConfigError('Missing required database connection settings: name', 'Set PREFECT_SERVER_DATABASE_NAME to the SQLite file path.')
    return `sqlite+aiosqlite:///${name}`
  }

  if (driver !== 'postgresql+asyncpg') throw new ConfigError(`Unsupported database driver: ${driver}`)
  const host = settings.get('PREFECT_SERVER_DATABASE_HOST') as string | null
  const user = settings.get('PREFECT_SERVER_DATABASE_USER') as string | null
  const missing = Object.entries({host, user, name}).filter(([, value]) => value === null).map(([key]) => key)
  if (missing.length > 0) {
    throw new ConfigError(
      `Missing required database connection settings: ${missing.join(', ')}`,
      `Set ${missing.map((key) => `PREFECT_SERVER_DATABASE_${key.toUpperCase()}`).join(', ')}.`,
    )
  }

  const port = (settings.get('PREFECT_SERVER_DATABASE_PORT') as number | null) ?? 5432
  const credentials = encodeURIComponent(user!) + (password === null ? '' : `:${encodeURIComponent(password)}`)
  return `postgresql+asyncpg://${credentials}@${host}:${port}/${encodeURIComponent(name!)}`
}

const PLACEHOLDERS = ['${PREFECT_SERVER_DATABASE_PASSWORD}', '${PREFECT_API_DATABASE_PASSWORD}']

function fillPassword(url: string, password: string | null, warn: (message: string) => void): string {
  if (url.includes('PREFECT_API_DATABASE_PASSWORD') || url.includes('PREFECT_SERVER_DATABASE_PASSWORD')) {
    if (password === null) {
      throw new ConfigError('database password is None - please set PREFECT_SERVER_DATABASE_PASSWORD')
    }

    let filled = url
    for (const placeholder of PLACEHOLDERS) filled = filled.replaceAll(placeholder, password)
    return filled
  }

  const postgres = /^postgres(ql)?(\+[a-z0-9]+)?:\/\//i.test(url)
  if (postgres && password !== null && !url.includes(password) && !url.includes(quotePlus(password)) && !url.includes(encodeURIComponent(password))) {
    warn(
      'PREFECT_SERVER_DATABASE_PASSWORD is set but not included in the PREFECT_SERVER_DATABASE_CONNECTION_URL. The provided password will be ignored.',
    )
  }

  return url
}

/** Python's urllib.parse.quote_plus. */
function quotePlus(text: string): string {
  return encodeURIComponent(text).replaceAll('%20', '+').replaceAll(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
}

export function connectionOptions(settings: ResolvedSettings): ConnectionOptions {
  const text = (name: string) => settings.get(name) as string | null
  return {
    timeoutSeconds: settings.get('PREFECT_SERVER_DATABASE_TIMEOUT') as number | null,
    connectionTimeoutSeconds: settings.get('PREFECT_SERVER_DATABASE_CONNECTION_TIMEOUT') as number | null,
    migrationTimeoutSeconds: settings.get('PREFECT_SERVER_DATABASE_MIGRATION_TIMEOUT') as number | null,
    echo: settings.get('PREFECT_SERVER_DATABASE_ECHO') === true,
    applicationName: text('PREFECT_SERVER_DATABASE_SQLALCHEMY_CONNECT_ARGS_APPLICATION_NAME'),
    searchPath: text('PREFECT_SERVER_DATABASE_SQLALCHEMY_CONNECT_ARGS_SEARCH_PATH'),
    tls: {
      enabled: settings.get('PREFECT_SERVER_DATABASE_SQLALCHEMY_CONNECT_ARGS_TLS_ENABLED') === true,
      caFile: text('PREFECT_SERVER_DATABASE_SQLALCHEMY_CONNECT_ARGS_TLS_CA_FILE'),
      certFile: text('PREFECT_SERVER_DATABASE_SQLALCHEMY_CONNECT_ARGS_TLS_CERT_FILE'),
      keyFile: text('PREFECT_SERVER_DATABASE_SQLALCHEMY_CONNECT_ARGS_TLS_KEY_FILE'),
      checkHostname: settings.get('PREFECT_SERVER_DATABASE_SQLALCHEMY_CONNECT_ARGS_TLS_CHECK_HOSTNAME') !== false,
    },
  }
}

/** The connection description src/db works with; every password in it is registered for masking. */
export function databaseTarget(settings: ResolvedSettings, warn?: (message: string) => void): DatabaseTarget {
  const url = databaseUrl(settings, warn)
  const target = parseDatabaseUrl(url, connectionOptions(settings))
  if (target.dialect === 'postgresql') registerSecret(target.password)
  return target
}
