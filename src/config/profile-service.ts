import fs from 'node:fs'

import {AbortedError, ConfigError, UsageError} from '../errors.js'
import {writeFileAtomic} from './atomic-write.js'
import {MASK} from './config-service.js'
import {databaseTarget} from './database.js'
import {BUILTIN_PROFILES, loadProfilesStrict, updateProfiles, userProfile} from './profiles.js'
import {resolveSettings, settingsContext} from './resolve.js'
import {findSetting} from './registry.js'
import type {ResolveOptions} from './types.js'

/** `prefect profile …`: listing and editing the profiles in profiles.toml. */
export type Ask = (message: string, prompt: boolean | null) => Promise<boolean>

export async function listProfiles(options: ResolveOptions): Promise<Array<{name: string; active: boolean}>> {
  const context = await settingsContext(options)
  return [...context.profiles.document.profiles.keys()].map((name) => ({name, active: name === context.profileName}))
}

function notFound(name: string): ConfigError {
  return new ConfigError(`Profile '${name}' not found.`, 'Run `prefect profile ls` to list profiles.')
}

function checkName(name: string): void {
  if (name.trim() === '') throw new UsageError('A profile name cannot be empty.')
}

export async function createProfile(name: string, from: string | undefined, options: ResolveOptions): Promise<void> {
  checkName(name)
  const context = await settingsContext({...options, strictProfiles: true})
  await updateProfiles(context.profilesPath, (state) => {
    if (state.merged.has(name)) {
      throw new ConfigError(`Profile '${name}' already exists.`, `To create a new profile, remove the existing one first: prefect profile delete '${name}'`)
    }

    if (from !== undefined && !state.merged.has(from)) throw new ConfigError(`Profile '${from}' not found.`)
    state.document.active ??= state.active
    state.document.profiles.set(name, from === undefined ? {} : {...state.merged.get(from)})
  })
}

export interface UseResult {
  profile: string
  /** Where the profile's database is, password masked. */
  databaseUrl: string | null
  /** Why the database could not be described (a bad setting in the profile). */
  problem: string | null
}

export async function useProfile(name: string, options: ResolveOptions): Promise<UseResult> {
  const context = await settingsContext({...options, strictProfiles: true})
  await updateProfiles(context.profilesPath, (state) => {
    if (!state.merged.has(name)) throw notFound(name)
    state.document.active = name
  })
  try {
    const settings = await resolveSettings({...options, profile: name})
    return {profile: name, databaseUrl: databaseTarget(settings, () => undefined).displayUrl, problem: null}
  } catch (error) {
    if (error instanceof ConfigError) return {profile: name, databaseUrl: null, problem: error.line}
    throw error
  }
}

export async function deleteProfile(name: string, ask: Ask, options: ResolveOptions): Promise<void> {
  const context = await settingsContext({...options, strictProfiles: true})
  if (!context.profiles.merged.has(name)) throw notFound(name)
  if (name === context.profiles.active || name === context.profileName) {
    throw new ConfigError(`Profile '${name}' is the active profile. You must switch profiles before it can be deleted.`)
  }

  const prompt = context.prompt()
  if (!(await ask(`Are you sure you want to delete profile with name '${name}'?`, prompt))) throw new AbortedError('Deletion aborted.')
  await updateProfiles(context.profilesPath, (state) => {
    if (!state.merged.has(name)) throw notFound(name)
    state.document.active ??= state.active
    state.document.profiles.delete(name)
  })
}

/** Returns whether PREFECT_PROFILE still names the old profile (the caller reminds the user). */
export async function renameProfile(from: string, to: string, options: ResolveOptions): Promise<{envStillOld: boolean}> {
  checkName(to)
  const context = await settingsContext({...options, strictProfiles: true})
  await updateProfiles(context.profilesPath, (state) => {
    if (!state.merged.has(from)) throw notFound(from)
    if (state.merged.has(to)) throw new ConfigError(`Profile '${to}' already exists.`)
    const settings = {...state.merged.get(from)}
    state.document.active ??= state.active
    state.document.profiles.delete(from)
    state.document.profiles.set(to, settings)
    if (state.document.active === from) state.document.active = to
  })
  return {envStillOld: context.env.PREFECT_PROFILE === from}
}

export interface InspectResult {
  profile: string
  /** Whether the name was taken from the active profile. */
  defaulted: boolean
  /** Stored keys and values; secret values are shown as ********. */
  settings: Record<string, string>
}

export async function inspectProfile(name: string | undefined, options: ResolveOptions): Promise<InspectResult> {
  const context = await settingsContext(options)
  const profile = name ?? context.profileName
  const stored = context.profiles.merged.get(profile)
  if (!stored) throw notFound(profile)
  const settings: Record<string, string> = {}
  for (const [key, value] of Object.entries(stored)) settings[key] = findSetting(key)?.definition.secret ? MASK : value
  return {profile, defaulted: name === undefined, settings}
}

export interface PopulatePlan {
  path: string
  exists: boolean
  missing: string[]
}

export async function planPopulateDefaults(options: ResolveOptions): Promise<PopulatePlan> {
  const context = await settingsContext({...options, strictProfiles: true})
  const state = loadProfilesStrict(context.profilesPath)
  const missing = BUILTIN_PROFILES.map(([name]) => name).filter((name) => !state.document.profiles.has(name))
  return {path: context.profilesPath, exists: state.exists, missing}
}

/** Add the missing built-in profiles (optionally backing the file up first); returns every profile name. */
export async function populateDefaults(plan: PopulatePlan, backup: boolean): Promise<string[]> {
  // The backup is the file as it was, written only once the new file has been written.
  const original = backup && fs.existsSync(plan.path) ? fs.readFileSync(plan.path, 'utf8') : null
  const names = await updateProfiles(plan.path, (state) => {
    for (const name of plan.missing) if (!state.document.profiles.has(name)) userProfile(state, name)
    return [...state.document.profiles.keys()]
  })
  if (original) writeFileAtomic(`${plan.path}.bak`, original)
  return names
}
