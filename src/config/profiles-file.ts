import {parse as parseToml} from 'smol-toml'

import {isTomlTable} from './toml-files.js'

/**
 * The profiles.toml format, as Python Prefect reads and writes it:
 *
 *   active = "local"
 *
 *   [profiles.local]
 *   PREFECT_API_URL = "http://127.0.0.1:4200/api"
 *
 * Keys are setting names (canonical or legacy); we always write values as TOML strings, as
 * Prefect's toml.dumps does, and accept any scalar when reading a hand-written file.
 */
export interface ProfilesDocument {
  active: string | null
  /** Profiles in file order. */
  profiles: Map<string, Record<string, string>>
}

export class ProfilesFileError extends Error {}

export const BUILTIN_PROFILES: ReadonlyArray<[string, Record<string, string>]> = [
  ['ephemeral', {PREFECT_SERVER_EPHEMERAL_ENABLED: 'true'}],
  ['local', {PREFECT_API_URL: 'http://127.0.0.1:4200/api'}],
  ['test', {PREFECT_SERVER_EPHEMERAL_ENABLED: 'true', PREFECT_SERVER_DATABASE_CONNECTION_URL: 'sqlite+aiosqlite:///:memory:'}],
  ['cloud', {}],
]
export const DEFAULT_ACTIVE_PROFILE = 'ephemeral'

export function emptyDocument(): ProfilesDocument {
  return {active: null, profiles: new Map()}
}

/** Parse the file's text; a problem is thrown as ProfilesFileError with a short reason. */
export function parseProfilesText(text: string): ProfilesDocument {
  let data: Record<string, unknown>
  try {
    data = parseToml(text)
  } catch (error) {
    throw new ProfilesFileError(`not valid TOML (${(error as Error).message.split('\n')[0]})`)
  }

  const document = emptyDocument()
  if (data.active !== undefined) {
    if (typeof data.active !== 'string') throw new ProfilesFileError("'active' must be a string")
    document.active = data.active
  }

  if (data.profiles === undefined) return document
  if (!isTomlTable(data.profiles)) throw new ProfilesFileError("'profiles' must be a table of [profiles.NAME] tables")
  for (const [name, table] of Object.entries(data.profiles)) {
    if (!isTomlTable(table)) throw new ProfilesFileError(`profile '${name}' must be a table`)
    const settings: Record<string, string> = {}
    for (const [key, value] of Object.entries(table)) {
      if (typeof value === 'string') settings[key] = value
      else if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') settings[key] = String(value)
      else throw new ProfilesFileError(`'${key}' in profile '${name}' must be a string`)
    }

    document.profiles.set(name, settings)
  }

  return document
}

function tomlKey(key: string): string {
  return /^[A-Za-z0-9_-]+$/.test(key) ? key : JSON.stringify(key)
}

/** JSON string escapes are valid TOML basic-string escapes. */
function tomlString(value: string): string {
  return JSON.stringify(value)
}

export function serializeProfiles(document: ProfilesDocument): string {
  const lines: string[] = []
  if (document.active !== null) lines.push(`active = ${tomlString(document.active)}`, '')
  for (const [name, settings] of document.profiles) {
    lines.push(`[profiles.${tomlKey(name)}]`)
    for (const [key, value] of Object.entries(settings)) lines.push(`${tomlKey(key)} = ${tomlString(value)}`)
    lines.push('')
  }

  return `${lines.join('\n')}${lines.length > 0 ? '' : '\n'}`
}
