/** The settings service's public types (re-exported by src/config/index.ts). */
export type SettingSource = 'env' | '.env file' | 'prefect.toml' | 'pyproject.toml' | 'profile' | 'defaults'

export interface ResolvedSetting {
  /** Canonical name, e.g. PREFECT_SERVER_DATABASE_CONNECTION_URL. */
  name: string
  /** Typed value (string, number, boolean, string[], object) or null when unset. */
  value: unknown
  source: SettingSource
  /** The value as written in its source (for 'defaults', the default as config view prints it; '' when unset). May be secret. */
  raw: string
  secret: boolean
  /** The name or TOML path it was found under (a legacy alias shows here). */
  key: string
}

export interface ResolvedSettings {
  /** The active profile's name. */
  profileName: string
  /** Absolute PREFECT_HOME. */
  home: string
  /** Absolute path of profiles.toml. */
  profilesPath: string
  /** The typed value of a setting by canonical name or alias (null when unset). */
  get(name: string): unknown
  source(name: string): SettingSource
  /** Every known setting, sorted by canonical name. */
  all(): ResolvedSetting[]
  /** One setting with its source and raw text, by canonical name or alias. */
  setting(name: string): ResolvedSetting | undefined
  /** PREFECT_CLI_PROMPT: true forces prompts, false forbids them, null means "detect a terminal". */
  prompt(): boolean | null
}

export interface ResolveOptions {
  /** --profile/-p from the command line: its values beat the environment for this run. */
  profile?: string
  env?: NodeJS.ProcessEnv
  cwd?: string
  /**
   * --prompt/--no-prompt from the command line: as in Prefect, the PREFECT_CLI_PROMPT setting for
   * this run, given as if by an environment variable.
   */
  prompt?: boolean
  /** Where one-line warnings go; without it they are dropped (the CLI passes its stderr printer). */
  warn?: (message: string) => void
  /** Called when PREFECT_CLI_COLORS=false comes from any source: the caller turns its colour off. */
  onColourOff?: () => void
}
