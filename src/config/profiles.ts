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

function load(path: string, onBroken: (error: ProfilesFileError) => ProfilesState): ProfilesState {
  const text = readText(path)
  if (text === null) return stateOf(path, false, emptyDocument())
  try {
    return stateOf(path, true, parseProfilesText(text))
  } catch (error) {
    if (!(error instanceof ProfilesFileError)) throw error
    return onBroken(error)
  }
}

/**
 * For reading commands: a broken file warns once (Prefect's wording) and reads as empty, so
 * the built-in profiles still work.
 */
export function loadProfiles(path: string, warn: (message: string) => void): ProfilesState {
  return load(path, () => {
    warn(`Failed to load profiles from ${path}. Please ensure the file is valid TOML.`)
    return stateOf(path, true, emptyDocument())
  })
}

/** For writing commands: a broken file is an error and is never overwritten. */
export function loadProfilesStrict(path: string): ProfilesState {
  return load(path, (error) => {
    throw new ConfigError(`The profiles file ${path} is broken: ${error.message}.`, 'Fix or remove it; nothing was changed.')
  })
}

/**
 * Read-modify-write under the lock: `change` edits state.document (use userProfile to get an
 * editable profile) and returns a result; the file is then replaced atomically.
 */
export async function updateProfiles<T>(path: string, change: (state: ProfilesState) => T): Promise<T> {
  // A first write on a new machine: PREFECT_HOME does not exist yet (0700, it holds secrets).
  // If this run creates it and then fails, it removes it again: a failure leaves nothing behind.
  const directory = nodePath.dirname(path)
  let created: string | undefined
  try {
    if (!fs.existsSync(directory)) created = await fileSystem(path, () => fs.mkdirSync(directory, {recursive: true, mode: 0o700}))
    return await fileSystem(path, () =>
      withFileLock(`${path}.lock`, () => {
        const state = loadProfilesStrict(path)
        const before = new Map([...state.document.profiles].map(([name, settings]) => [name, {...settings}]))
        const result = change(state)
        assertValidValues(state, before)
        writeFileAtomic(path, serializeProfiles(state.document))
        return result
      }),
    )
  } catch (error) {
    if (created) fs.rmSync(created, {recursive: true, force: true})
    throw error
  }
}

/** Turn an operating-system failure (permissions, a full disk) into one clear line. */
async function fileSystem<T>(path: string, action: () => T | Promise<T>): Promise<T> {
  try {
    return await action()
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (typeof code !== 'string' || !/^E[A-Z]+$/.test(code)) throw error
    throw new ConfigError(
      `Cannot write the profiles file ${path} (${code}: ${(error as Error).message.replace(/^E[A-Z]+: /, '')}).`,
      `Check the permissions of ${nodePath.dirname(path)}; nothing was changed.`,
    )
  }
}

/**
 * A value of the wrong type makes the file broken too. A write may not add a broken value, and
 * while the file holds one, only a write that repairs or removes a broken value goes through:
 * the others refuse, naming the profile, the setting and what it expects.
 */
function assertValidValues(state: ProfilesState, before: Map<string, Record<string, string>>): void {
  const brokenBefore = brokenValues(before, state.path)
  const brokenAfter = brokenValues(state.document.profiles, state.path)
  const added = brokenAfter.find((entry) => !brokenBefore.some((old) => old.profile === entry.profile && old.key === entry.key))
  const blocking = added ?? (brokenAfter.length >= brokenBefore.length ? brokenAfter[0] : undefined)
  if (blocking) {
    throw new ConfigError(
      `The profiles file ${state.path} has an invalid value for ${blocking.key} in profile '${blocking.profile}': expected ${blocking.expected}.`,
      `Fix it, or run 'prefect -p ${blocking.profile} config unset ${blocking.key}'; nothing was changed.`,
    )
  }
}

function brokenValues(profiles: Map<string, Record<string, string>>, path: string): Array<{profile: string; key: string; expected: string}> {
  const broken: Array<{profile: string; key: string; expected: string}> = []
  for (const [profile, settings] of profiles) {
    for (const [key, raw] of Object.entries(settings)) {
      const known = findSetting(key)
      if (!known) continue
      const parsed = parseSettingValue(known.definition, raw, nodePath.dirname(path))
      if (!parsed.ok) broken.push({profile, key, expected: parsed.expected})
    }
  }

  return broken
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
