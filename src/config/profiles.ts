import fs from 'node:fs'
import nodePath from 'node:path'

import {ConfigError} from '../errors.js'
import {writeFileAtomic} from './atomic-write.js'
import {withFileLock} from './file-lock.js'
import {findSetting} from './registry.js'
import {parseSettingValue} from './values.js'
import {
  BUILTIN_PROFILES,
  DEFAULT_ACTIVE_PROFILE,
  emptyDocument,
  parseProfilesText,
  type ProfilesDocument,
  ProfilesFileError,
  serializeProfiles,
} from './profiles-file.js'

export {BUILTIN_PROFILES, DEFAULT_ACTIVE_PROFILE, type ProfilesDocument} from './profiles-file.js'

/**
 * profiles.toml as the commands see it: the user's file merged over the built-in profiles
 * (ephemeral, local, test, cloud), key by key. Built-ins are written only once modified.
 */
export interface ProfilesState {
  path: string
  exists: boolean
  /** What the user file holds (empty when missing or unreadable). */
  document: ProfilesDocument
  /** Built-ins merged with the file, built-ins first, then the file's own in file order. */
  merged: Map<string, Record<string, string>>
  /** `active` from the file, else ephemeral. */
  active: string
}

function mergeWithBuiltins(document: ProfilesDocument): Map<string, Record<string, string>> {
  const merged = new Map<string, Record<string, string>>()
  for (const [name, settings] of BUILTIN_PROFILES) merged.set(name, {...settings})
  for (const [name, settings] of document.profiles) merged.set(name, {...merged.get(name), ...settings})
  return merged
}

function stateOf(path: string, exists: boolean, document: ProfilesDocument): ProfilesState {
  return {path, exists, document, merged: mergeWithBuiltins(document), active: document.active ?? DEFAULT_ACTIVE_PROFILE}
}

function readText(path: string): string | null {
  try {
    return fs.readFileSync(path, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw new ConfigError(`Cannot read profiles file ${path}: ${(error as Error).message}.`)
  }
}

/**
 * For reading commands: a broken file warns once (Prefect's wording) and reads as empty, so
 * the built-in profiles still work.
 */
export function loadProfiles(path: string, warn: (message: string) => void): ProfilesState {
  const text = readText(path)
  if (text === null) return stateOf(path, false, emptyDocument())
  try {
    return stateOf(path, true, parseProfilesText(text))
  } catch (error) {
    if (!(error instanceof ProfilesFileError)) throw error
    warn(`Failed to load profiles from ${path}. Please ensure the file is valid TOML.`)
    return stateOf(path, true, emptyDocument())
  }
}

/** For writing commands: a broken file is an error and is never overwritten. */
export function loadProfilesStrict(path: string): ProfilesState {
  const text = readText(path)
  if (text === null) return stateOf(path, false, emptyDocument())
  try {
    return stateOf(path, true, parseProfilesText(text))
  } catch (error) {
    if (!(error instanceof ProfilesFileError)) throw error
    throw new ConfigError(
      `The profiles file ${path} is broken: ${error.message}.`,
      'Fix or remove it; nothing was changed.',
    )
  }
}

/**
 * Read-modify-write under the lock: `change` edits state.document (use userProfile to get an
 * editable profile) and returns a result; the file is then replaced atomically.
 */
export async function updateProfiles<T>(path: string, change: (state: ProfilesState) => T): Promise<T> {
  // A first write on a new machine: PREFECT_HOME does not exist yet (0700, it holds secrets).
  fs.mkdirSync(nodePath.dirname(path), {recursive: true, mode: 0o700})
  return withFileLock(`${path}.lock`, () => {
    const state = loadProfilesStrict(path)
    const result = change(state)
    assertValidValues(state)
    writeFileAtomic(path, serializeProfiles(state.document))
    return result
  })
}

/**
 * A value of the wrong type makes the file broken too: refuse to write it (a change that
 * repairs the value passes), naming the profile, the setting and what it expects.
 */
function assertValidValues(state: ProfilesState): void {
  for (const [profile, settings] of state.document.profiles) {
    for (const [key, raw] of Object.entries(settings)) {
      const known = findSetting(key)
      if (!known) continue
      const parsed = parseSettingValue(known.definition, raw, nodePath.dirname(state.path))
      if (!parsed.ok) {
        throw new ConfigError(
          `The profiles file ${state.path} has an invalid value for ${key} in profile '${profile}': expected ${parsed.expected}.`,
          `Fix it, or run 'prefect -p ${profile} config unset ${key}'; nothing was changed.`,
        )
      }
    }
  }
}

/**
 * The user-file table of a profile, created from the built-in's values when the file does not
 * hold it yet (so that a modified built-in is written in full).
 */
export function userProfile(state: ProfilesState, name: string): Record<string, string> {
  let settings = state.document.profiles.get(name)
  if (!settings) {
    settings = {...state.merged.get(name)}
    state.document.profiles.set(name, settings)
  }

  state.document.active ??= state.active
  return settings
}
