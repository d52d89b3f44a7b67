/**
 * A description of the database to work on, derived from the settings (src/config/database.ts)
 * and consumed by the engine (src/db/connect.ts). `url` may hold a secret; show `displayUrl`.
 */
export type Dialect = 'sqlite' | 'postgresql'

export interface ConnectionOptions {
  /** Statement timeout in seconds (PREFECT_SERVER_DATABASE_TIMEOUT); on SQLite the busy wait. */
  timeoutSeconds: number | null
  /** How long to wait for a connection (PREFECT_SERVER_DATABASE_CONNECTION_TIMEOUT). */
  connectionTimeoutSeconds: number | null
  /** Statement timeout while migrating (PREFECT_SERVER_DATABASE_MIGRATION_TIMEOUT); null: none. */
  migrationTimeoutSeconds: number | null
  echo: boolean
  applicationName: string | null
  searchPath: string | null
  tls: {
    enabled: boolean
    caFile: string | null
    certFile: string | null
    keyFile: string | null
    checkHostname: boolean
  }
}

interface TargetBase {
  /** The URL as configured, password included: never print it. */
  url: string
  /** The URL with its password masked as ***, as SQLAlchemy's repr(url) prints it. */
  displayUrl: string
  /** The scheme as written, e.g. `sqlite+aiosqlite` or `postgresql+asyncpg`. */
  scheme: string
  options: ConnectionOptions
}

export interface SqliteTarget extends TargetBase {
  dialect: 'sqlite'
  /** An absolute file path, or ':memory:'. */
  filename: string
  memory: boolean
}

export interface PostgresTarget extends TargetBase {
  dialect: 'postgresql'
  host: string
  port: number
  user: string | null
  password: string | null
  database: string
  /** Query parameters of the URL other than the ones mapped above (sslmode, …). */
  params: Record<string, string>
}

export type DatabaseTarget = SqliteTarget | PostgresTarget

export function defaultConnectionOptions(): ConnectionOptions {
  return {
    timeoutSeconds: 10,
    connectionTimeoutSeconds: 5,
    migrationTimeoutSeconds: null,
    echo: false,
    applicationName: null,
    searchPath: null,
    tls: {enabled: false, caFile: null, certFile: null, keyFile: null, checkHostname: true},
  }
}
