import {AbortedError, ConfigError, UsageError} from '../errors.js'
import {registerSecret} from '../mask.js'
import {CONNECTION_URL, databaseUrlPassword, databaseUrlProblem, displayDatabaseUrl} from './database-url.js'
import {updateProfiles, userProfile} from './profiles.js'
import {settingsContext, warnUnknownFileKeys} from './resolve.js'
import {findSetting} from './registry.js'
import {knownSetting, namesOf} from './setting-names.js'
import type {SettingDefinition} from './setting-types.js'
import type {ResolveOptions} from './types.js'
import {parseSettingValue} from './values.js'

/** `prefect config set|unset|validate`: edits of the active profile in profiles.toml. */
const ENV_ONLY = new Set(['PREFECT_HOME', 'PREFECT_PROFILES_PATH'])
export const MASK = '********'

export interface SetChange {
  /** The name as typed (Prefect echoes it). */
  name: string
  canonical: string
  /** The value as typed; a database URL with its password as ***, another secret as ********. */
  shownValue: string
  /** The typed name is also set in the environment, which will win. */
  overriddenByEnv: boolean
}

export interface ProfileEditResult<C> {
  profile: string
  changes: C[]
}

function parseAssignment(argument: string): [string, string] {
  const index = argument.indexOf('=')
  if (index === -1) throw new UsageError(`Failed to parse argument '${argument}'. Use the format 'VAR=VAL'.`)
  return [argument.slice(0, index), argument.slice(index + 1)]
}

function checkChangeable(name: string, definition: SettingDefinition): void {
  if (ENV_ONLY.has(definition.name)) {
    throw new UsageError(`Setting '${name}' cannot be changed with this command. Use an environment variable instead.`)
  }
}

export async function setSettings(assignments: string[], options: ResolveOptions): Promise<ProfileEditResult<SetChange>> {
  if (assignments.length === 0) throw new UsageError("Nothing to set. Use the format 'VAR=VAL'.")
  const context = await settingsContext({...options, strictProfiles: true})
  const parsed = assignments.map((argument) => {
    const [name, value] = parseAssignment(argument)
    const definition = knownSetting(name)
    if (findSetting(name)?.alias?.deprecated) context.deprecatedAlias(name, definition.name)
    checkChangeable(name, definition)
    // Of a database URL only the password is secret (the rest is shown, as the database commands do).
    if (definition.secret) registerSecret(definition.name === CONNECTION_URL ? databaseUrlPassword(value) : value)
    const result = parseSettingValue(definition, value, context.home)
    if (!result.ok) {
      throw new ConfigError(`Invalid value '${definition.secret ? MASK : value}' for ${name}: expected ${result.expected}.`, 'Nothing was changed.')
    }

    const problem = urlProblem(definition, result.value, value, context.home)
    if (problem !== null) throw new ConfigError(`Invalid value for ${name}: ${problem}`, 'Nothing was changed.')
    return {name, value, definition}
  })
  await updateProfiles(context.profilesPath, (state) => {
    const settings = userProfile(state, context.profileName)
    for (const {value, definition} of parsed) {
      for (const key of namesOf(definition)) delete settings[key]
      settings[definition.name] = value
    }
  })
  return {
    profile: context.profileName,
    changes: parsed.map(({name, value, definition}) => ({
      name,
      canonical: definition.name,
      shownValue: shownValue(definition, value),
      overriddenByEnv: context.env[name] !== undefined || context.env[definition.name] !== undefined,
    })),
  }
}

/** A database connection URL the database commands would refuse: their parser's line; else null. */
function urlProblem(definition: SettingDefinition, parsed: unknown, raw: string, home: string): string | null {
  return definition.name === CONNECTION_URL && parsed !== null ? databaseUrlProblem(raw, home) : null
}

function shownValue(definition: SettingDefinition, value: string): string {
  if (!definition.secret) return value
  return definition.name === CONNECTION_URL ? displayDatabaseUrl(value) : MASK
}

export interface UnsetChange {
  name: string
  overriddenByEnv: boolean
}

export interface UnsetOptions extends ResolveOptions {
  yes: boolean
  /** Asks the question when the console is interactive; false aborts. */
  ask: (message: string, prompt: boolean | null) => Promise<boolean>
}

export async function unsetSettings(names: string[], options: UnsetOptions): Promise<ProfileEditResult<UnsetChange>> {
  if (names.length === 0) throw new UsageError('Name at least one setting to unset.')
  const context = await settingsContext({...options, strictProfiles: true})
  const definitions = names.map((name) => knownSetting(name))
  for (const name of names) if (findSetting(name)?.alias?.deprecated) context.deprecatedAlias(name, findSetting(name)!.definition.name)
  const notSet = (state: {merged: Map<string, Record<string, string>>}) =>
    names.find((name, i) => !namesOf(definitions[i]).some((key) => state.merged.get(context.profileName)?.[key] !== undefined))
  const missing = notSet(context.profiles)
  if (missing) throw new ConfigError(`'${missing}' is not set in profile '${context.profileName}'.`)
  if (!options.yes) {
    const prompt = context.prompt()
    const question = `Are you sure you want to unset the following setting(s): ${names.map((name) => `'${name}'`).join(' ')}?`
    if (!(await options.ask(question, prompt))) throw new AbortedError('Unset aborted.')
  }

  await updateProfiles(context.profilesPath, (state) => {
    const raced = notSet(state)
    if (raced) throw new ConfigError(`'${raced}' is not set in profile '${context.profileName}'.`)
    const settings = userProfile(state, context.profileName)
    for (const definition of definitions) for (const key of namesOf(definition)) delete settings[key]
  })
  return {
    profile: context.profileName,
    changes: names.map((name) => ({name, overriddenByEnv: context.env[name] !== undefined})),
  }
}

/**
 * `config validate`: every value of the active profile must parse (a database URL as the
 * database commands parse it); the file is then re-saved with legacy names converted to
 * canonical ones (Prefect does the same). Likely typos in prefect.toml and [tool.prefect] warn.
 */
export async function validateProfile(options: ResolveOptions): Promise<{profile: string; renamed: string[]}> {
  const context = await settingsContext({...options, strictProfiles: true})
  const check = (settings: Record<string, string>) => {
    for (const [key, value] of Object.entries(settings)) {
      const definition = knownSettingOrNull(key)
      if (!definition) continue
      const result = parseSettingValue(definition, value, context.home)
      if (!result.ok) {
        const shown = definition.secret ? MASK : value
        throw new ConfigError(`Invalid value '${shown}' for ${definition.name} (from profile): expected ${result.expected}.`)
      }

      const problem = urlProblem(definition, result.value, value, context.home)
      if (problem !== null) throw new ConfigError(`Invalid value for ${definition.name} (from profile): ${problem}`)
    }
  }

  warnUnknownFileKeys(context)
  check(context.profileValues)
  if (!context.profiles.exists) return {profile: context.profileName, renamed: []}
  const renamed = await updateProfiles(context.profilesPath, (state) => {
    const settings = state.document.profiles.get(context.profileName)
    if (!settings) return []
    check(settings)
    return canonicalise(settings)
  })
  return {profile: context.profileName, renamed}
}

function knownSettingOrNull(key: string): SettingDefinition | null {
  try {
    return knownSetting(key)
  } catch {
    return null
  }
}

/** Replace alias keys by canonical ones in place; a canonical key already present wins. */
function canonicalise(settings: Record<string, string>): string[] {
  const renamed: string[] = []
  for (const key of Object.keys(settings)) {
    const definition = knownSettingOrNull(key)
    if (!definition || definition.name === key) continue
    if (settings[definition.name] === undefined) settings[definition.name] = settings[key]
    delete settings[key]
    renamed.push(key)
  }

  return renamed
}
