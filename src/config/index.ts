/**
 * The settings service. CONTRACT (other modules rely on these names and shapes):
 *   resolveSettings(options) -> ResolvedSettings   every setting with its typed value and source
 *   databaseTarget(settings) -> DatabaseTarget      the connection description for src/db
 *
 * TEMPORARY minimal implementation (environment and defaults only) until the full registry,
 * sources and profiles land; the signatures stay.
 */
import os from 'node:os'
import path from 'node:path'

import {type DatabaseTarget, defaultConnectionOptions} from '../db/target.js'
import {parseDatabaseUrl} from '../db/url.js'

export type SettingSource = 'env' | '.env file' | 'prefect.toml' | 'pyproject.toml' | 'profile' | 'defaults'

export interface ResolvedSetting {
  /** Canonical name, e.g. PREFECT_SERVER_DATABASE_CONNECTION_URL. */
  name: string
  /** Typed value (string, number, boolean, string[] …) or null when unset. */
  value: unknown
  source: SettingSource
}

export interface ResolvedSettings {
  /** The active profile's name. */
  profileName: string
  /** Absolute PREFECT_HOME. */
  home: string
  /** Absolute path of profiles.toml. */
  profilesPath: string
  /** The typed value of a setting by canonical name (null when unset). */
  get(name: string): unknown
  source(name: string): SettingSource
  all(): ResolvedSetting[]
}

export interface ResolveOptions {
  /** --profile/-p from the command line: its values beat the environment for this run. */
  profile?: string
  env?: NodeJS.ProcessEnv
  cwd?: string
  /** Where one-line warnings go (default: stderr). */
  warn?: (message: string) => void
}

export async function resolveSettings(options: ResolveOptions = {}): Promise<ResolvedSettings> {
  const env = options.env ?? process.env
  const home = path.resolve((env.PREFECT_HOME ?? path.join(os.homedir(), '.prefect')).replace(/^~(?=$|\/)/, os.homedir()))
  const values = new Map<string, ResolvedSetting>()
  const url = env.PREFECT_SERVER_DATABASE_CONNECTION_URL ?? env.PREFECT_API_DATABASE_CONNECTION_URL
  if (url) values.set('PREFECT_SERVER_DATABASE_CONNECTION_URL', {name: 'PREFECT_SERVER_DATABASE_CONNECTION_URL', value: url, source: 'env'})
  return {
    profileName: options.profile ?? env.PREFECT_PROFILE ?? 'ephemeral',
    home,
    profilesPath: path.join(home, 'profiles.toml'),
    get: (name) => values.get(name)?.value ?? null,
    source: (name) => values.get(name)?.source ?? 'defaults',
    all: () => [...values.values()],
  }
}

export function databaseTarget(settings: ResolvedSettings): DatabaseTarget {
  const url = (settings.get('PREFECT_SERVER_DATABASE_CONNECTION_URL') as string | null) ?? `sqlite+aiosqlite:///${settings.home}/prefect.db`
  return parseDatabaseUrl(url, defaultConnectionOptions())
}
