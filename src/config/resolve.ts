import os from 'node:os'
import path from 'node:path'

import {ConfigError} from '../errors.js'
import {registerSecret} from '../mask.js'
import {readDotenv} from './dotenv-file.js'
import {loadProfiles, loadProfilesStrict, type ProfilesState} from './profiles.js'
import {findSetting, settingByName, SETTINGS} from './registry.js'
import type {SettingDefinition} from './setting-types.js'
import {loadTomlSettingsFiles, type RawValue, type TomlSettingsFile, tomlLookup, unknownTomlKeys} from './toml-files.js'
import type {ResolvedSetting, ResolvedSettings, ResolveOptions, SettingSource} from './types.js'
import {displayValue} from './display.js'
import {expandPath, parseSettingValue} from './values.js'

interface Found {
  source: SettingSource
  raw: RawValue
  /** The name the value was found under (an alias, or the canonical name). */
  key: string
}

/** One lookup per source, highest precedence first. */
type Lookup = (definition: SettingDefinition) => Found | undefined

function fromNames(source: SettingSource, values: Record<string, string | undefined>, onAlias: (alias: string, name: string) => void): Lookup {
  return (definition) => {
    if (values[definition.name] !== undefined) return {source, key: definition.name, raw: plain(values[definition.name]!)}
    for (const alias of definition.aliases) {
      const value = values[alias.name]
      if (value === undefined) continue
      if (alias.deprecated) onAlias(alias.name, definition.name)
      return {source, key: alias.name, raw: plain(value)}
    }

    return undefined
  }
}

function plain(text: string): RawValue {
  return {text, display: text}
}

export interface SettingsContext {
  env: NodeJS.ProcessEnv
  cwd: string
  warn: (message: string) => void
  /** --profile was given: the profile's values beat the environment. */
  explicitProfile: boolean
  home: string
  profilesPath: string
  profiles: ProfilesState
  profileName: string
  /** Values of the active profile (empty when it does not exist). */
  profileValues: Record<string, string>
  /** The lookups before the profile: env, .env, prefect.toml, pyproject.toml. */
  fileLookups: Lookup[]
  /** prefect.toml and pyproject.toml's [tool.prefect], when present. */
  tomlFiles: TomlSettingsFile[]
  deprecatedAlias: (alias: string, name: string) => void
  /** PREFECT_CLI_PROMPT (see promptSetting), read when asked, so a bad value fails only where it matters. */
  prompt: () => boolean | null
}

/**
 * Everything up to choosing the profile: where PREFECT_HOME and profiles.toml are and which
 * profile is active. Writing commands use this without validating every setting, so that a bad
 * value can still be fixed with `config set` / `config unset`.
 */
export async function settingsContext(options: ResolveOptions & {strictProfiles?: boolean} = {}): Promise<SettingsContext> {
  const env = withPromptFlag(options.env ?? process.env, options.prompt)
  const cwd = options.cwd ?? process.cwd()
  const warn = options.warn ?? (() => {})
  const explicitProfile = options.profile !== undefined
  const warned = new Set<string>()
  const deprecatedAlias = (alias: string, name: string): void => {
    if (warned.has(alias)) return
    warned.add(alias)
    warn(`${alias} is deprecated (it was removed in Prefect 2.13); use ${name} instead.`)
  }

  const tomlFiles = await loadTomlSettingsFiles(cwd)
  const fileLookups: Lookup[] = [
    fromNames('env', env, deprecatedAlias),
    fromNames('.env file', await readDotenv(cwd), deprecatedAlias),
    ...tomlFiles.map((file): Lookup => (definition) => {
      const raw = tomlLookup(file.data, definition.tomlPath)
      return raw === undefined ? undefined : {source: file.label, key: definition.tomlPath, raw}
    }),
  ]
  const early = (name: string): Found | undefined => firstFound(fileLookups, settingByName(name))
  const homeFound = early('PREFECT_HOME')
  const home = path.resolve((homeFound?.raw.text ?? '~/.prefect').replace(/^~(?=$|[/\\])/, os.homedir()))
  const profilesFound = early('PREFECT_PROFILES_PATH')
  const profilesPath = expandPath(profilesFound?.raw.text ?? '$PREFECT_HOME/profiles.toml', home)
  const profiles = options.strictProfiles ? loadProfilesStrict(profilesPath) : loadProfiles(profilesPath, warn)
  const profileName = chooseProfile(profiles, options.profile, env.PREFECT_PROFILE, warn)
  const context: SettingsContext = {
    env,
    cwd,
    warn,
    explicitProfile,
    home,
    profilesPath,
    profiles,
    profileName,
    profileValues: profiles.merged.get(profileName) ?? {},
    fileLookups,
    tomlFiles,
    deprecatedAlias,
    prompt: () => promptSetting(context),
  }
  if (options.onColourOff && coloursOff(context)) options.onColourOff()
  return context
}

/** --prompt/--no-prompt: PREFECT_CLI_PROMPT for this run, as an environment variable would set it. */
function withPromptFlag(env: NodeJS.ProcessEnv, prompt: boolean | undefined): NodeJS.ProcessEnv {
  return prompt === undefined ? env : {...env, PREFECT_CLI_PROMPT: String(prompt)}
}

/**
 * PREFECT_CLI_PROMPT, the one place it is read: true forces prompts, false forbids them, null
 * (unset) means "ask only on a terminal".
 */
export function promptSetting(context: SettingsContext): boolean | null {
  const value = contextValue(context, 'PREFECT_CLI_PROMPT', context.explicitProfile)
  return typeof value === 'boolean' ? value : null
}

/** PREFECT_CLI_PROMPT alone, without validating every other setting. */
export async function resolvePromptSetting(options: ResolveOptions): Promise<boolean | null> {
  return promptSetting(await settingsContext(options))
}

/** Whether PREFECT_CLI_COLORS=false comes from any source; a bad value is reported later. */
function coloursOff(context: SettingsContext): boolean {
  try {
    return contextValue(context, 'PREFECT_CLI_COLORS', context.explicitProfile) === false
  } catch {
    // resolveSettings reports the invalid value with its source.
    return false
  }
}

/** The password inside a URL's user-info, percent-decoded, so masking finds it anywhere. */
function urlPassword(url: unknown): string | null {
  if (typeof url !== 'string') return null
  const match = /^[^:/?#]+:\/\/[^/?#@:]*:([^@/?#]*)@/.exec(url)
  if (!match) return null
  try {
    return decodeURIComponent(match[1])
  } catch {
    return match[1]
  }
}

function firstFound(lookups: Lookup[], definition: SettingDefinition): Found | undefined {
  for (const lookup of lookups) {
    const found = lookup(definition)
    if (found) return found
  }

  return undefined
}

function chooseProfile(profiles: ProfilesState, argument: string | undefined, fromEnv: string | undefined, warn: (m: string) => void): string {
  if (argument !== undefined) {
    if (!profiles.merged.has(argument)) throw new ConfigError(`Unknown profile '${argument}'.`, 'Run `prefect profile ls` to list profiles.')
    return argument
  }

  const [name, how] = fromEnv ? [fromEnv, 'set by environment variable'] : [profiles.active, 'in the profiles file']
  if (profiles.merged.has(name)) return name
  warn(`WARNING: Active profile '${name}' ${how} not found. The default profile will be used instead.`)
  return 'ephemeral'
}

/**
 * One warning line per key of prefect.toml or [tool.prefect] that is a likely typo of a known
 * setting (it would otherwise be ignored without a word), naming the file, the key and the key
 * it most likely meant.
 */
export function warnUnknownFileKeys(context: SettingsContext): void {
  const known = SETTINGS.map((definition) => definition.tomlPath)
  for (const file of context.tomlFiles) {
    for (const {key, nearest} of unknownTomlKeys(file, known)) {
      context.warn(`Unknown key '${key}' in ${file.path} is ignored; the nearest known key is '${nearest}'.`)
    }
  }
}

/** Every setting with its typed value and the source it came from. */
export async function resolveSettings(options: ResolveOptions & {warnUnknownFileKeys?: boolean} = {}): Promise<ResolvedSettings> {
  const context = await settingsContext(options)
  // `--profile NAME` runs inside the profile, whose values then beat the environment (Prefect's
  // use_profile(override_environment_variables=True)).
  const lookups = contextLookups(context, context.explicitProfile)
  warnUnknownProfileKeys(context)
  if (options.warnUnknownFileKeys) warnUnknownFileKeys(context)
  const values = new Map<string, ResolvedSetting>()
  const home = resolveOne(settingByName('PREFECT_HOME'), lookups, context.home)
  values.set(home.name, home)
  const homePath = home.value as string
  for (const definition of SETTINGS) {
    if (definition.name === 'PREFECT_HOME') continue
    values.set(definition.name, resolveOne(definition, lookups, homePath))
  }

  // Secret values are masked wherever they appear; of the connection URL only its password is
  // secret (the rest is what every success line shows).
  for (const definition of SETTINGS) {
    const value = values.get(definition.name)?.value
    if (definition.secret && definition.name !== 'PREFECT_SERVER_DATABASE_CONNECTION_URL' && typeof value === 'string') registerSecret(value)
  }

  registerSecret(urlPassword(values.get('PREFECT_SERVER_DATABASE_CONNECTION_URL')?.value))
  return {
    profileName: context.profileName,
    home: homePath,
    profilesPath: context.profilesPath,
    get: (name) => values.get(canonical(name))?.value ?? null,
    source: (name) => values.get(canonical(name))?.source ?? 'defaults',
    all: () => [...values.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
    setting: (name) => values.get(canonical(name)),
    prompt: context.prompt,
  }
}

function contextLookups(context: SettingsContext, explicitProfile: boolean): Lookup[] {
  const profileLookup = fromNames('profile', context.profileValues, context.deprecatedAlias)
  return explicitProfile ? [profileLookup, ...context.fileLookups] : [...context.fileLookups, profileLookup]
}

/** One setting's typed value from a context (for commands that must not validate every setting). */
export function contextValue(context: SettingsContext, name: string, explicitProfile: boolean): unknown {
  return resolveOne(settingByName(name), contextLookups(context, explicitProfile), context.home).value
}

function canonical(name: string): string {
  return findSetting(name)?.definition.name ?? name
}

function resolveOne(definition: SettingDefinition, lookups: Lookup[], home: string): ResolvedSetting {
  const found = firstFound(lookups, definition)
  if (!found) {
    const value = definition.type === 'path' && typeof definition.default === 'string' ? expandPath(definition.default, home) : definition.default
    return {name: definition.name, value, source: 'defaults', raw: displayValue(definition, value) ?? '', secret: definition.secret, key: definition.name}
  }

  const parsed = parseSettingValue(definition, found.raw.text, home)
  if (!parsed.ok) {
    const shown = definition.secret ? '********' : found.raw.display
    throw new ConfigError(`Invalid value '${shown}' for ${definition.name} (from ${found.source}): expected ${parsed.expected}.`)
  }

  return {name: definition.name, value: parsed.value, source: found.source, raw: found.raw.display, secret: definition.secret, key: found.key}
}

function warnUnknownProfileKeys(context: SettingsContext): void {
  for (const key of Object.keys(context.profileValues)) {
    if (!findSetting(key)) context.warn(`Setting '${key}' is not recognized`)
  }
}
