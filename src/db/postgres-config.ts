import fs from 'node:fs'
import type {ConnectionOptions as TlsOptions} from 'node:tls'

import type pg from 'pg'

import {ConfigError} from '../errors.js'
import type {PostgresTarget} from './target.js'

export interface PostgresConfigOptions {
  /** Statement timeout in seconds for this connection; null: none. */
  statementTimeoutSeconds: number | null
  /** Overrides the configured application_name (the lock connection names its holder). */
  applicationName?: string
}

/**
 * The pg client configuration for a target: timeouts, TLS from the settings or from libpq-style
 * URL parameters (sslmode, sslrootcert, sslcert, sslkey), application_name and search_path.
 */
export function postgresClientConfig(target: PostgresTarget, options: PostgresConfigOptions): pg.ClientConfig {
  const {params} = target
  const connectionTimeout = target.options.connectionTimeoutSeconds ?? (params.connect_timeout ? Number(params.connect_timeout) : null)
  const searchPath = target.options.searchPath ?? params.search_path ?? null
  const runtimeOptions = [params.options, searchPath ? `-c search_path=${searchPath.replaceAll(' ', '\\ ')}` : undefined]
  const config: pg.ClientConfig = {
    host: target.host,
    port: target.port,
    user: target.user ?? undefined,
    password: target.password ?? undefined,
    database: target.database,
    application_name: options.applicationName ?? target.options.applicationName ?? params.application_name ?? 'prefect-dbadmin',
    connectionTimeoutMillis: connectionTimeout ? Math.round(connectionTimeout * 1000) : 0,
    statement_timeout: options.statementTimeoutSeconds ? Math.round(options.statementTimeoutSeconds * 1000) : 0,
    ssl: tlsConfig(target),
  }
  const extra = runtimeOptions.filter(Boolean).join(' ')
  if (extra) config.options = extra
  return config
}

function tlsConfig(target: PostgresTarget): false | TlsOptions {
  const {tls} = target.options
  const {params} = target
  const mode = params.sslmode ?? params.ssl_mode ?? (params.ssl === 'true' ? 'require' : undefined)
  if (!tls.enabled && (mode === undefined || mode === 'disable' || mode === 'allow' || mode === 'prefer')) return false
  const verify = tls.enabled || mode === 'verify-ca' || mode === 'verify-full'
  const checkHostname = tls.enabled ? tls.checkHostname : mode === 'verify-full'
  const options: TlsOptions = {rejectUnauthorized: verify, minVersion: 'TLSv1.2'}
  const ca = tls.caFile ?? params.sslrootcert
  const cert = tls.certFile ?? params.sslcert
  const key = tls.keyFile ?? params.sslkey
  if (ca) options.ca = readTlsFile(ca, 'CA certificate')
  if (cert) options.cert = readTlsFile(cert, 'client certificate')
  if (key) options.key = readTlsFile(key, 'client key')
  if (!checkHostname) options.checkServerIdentity = () => undefined
  return options
}

function readTlsFile(file: string, what: string): string {
  try {
    return fs.readFileSync(file, 'utf8')
  } catch (error) {
    throw new ConfigError(`Cannot read the TLS ${what} file '${file}': ${(error as NodeJS.ErrnoException).code ?? 'unreadable'}.`)
  }
}
