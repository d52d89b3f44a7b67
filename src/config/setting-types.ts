/**
 * The shape of one entry of the settings registry. Names follow Prefect: the canonical
 * environment name is `PREFECT_` + the TOML accessor path upper-cased with dots as underscores
 * (server.database.timeout <-> PREFECT_SERVER_DATABASE_TIMEOUT).
 */
export type SettingType =
  | 'bool'
  | 'int'
  | 'float'
  | 'string'
  | 'enum'
  | 'url'
  | 'path'
  | 'duration'
  | 'set'
  | 'json'

export interface SettingAlias {
  name: string
  /** Deprecated aliases (Prefect 2's PREFECT_ORION_*) print one warning line when used. */
  deprecated?: boolean
}

export interface SettingDefinition {
  /** Canonical environment name, e.g. PREFECT_SERVER_DATABASE_TIMEOUT. */
  name: string
  /** Accessor path in prefect.toml / [tool.prefect], e.g. server.database.timeout. */
  tomlPath: string
  type: SettingType
  /** The typed default (null: unset). */
  default: unknown
  /** Whether null ('None') is an accepted value besides the type's own. */
  nullable: boolean
  secret: boolean
  aliases: SettingAlias[]
  /** Allowed values of an enum, or of a set's members. */
  choices?: string[]
  /** Inclusive bounds for integers; positive: floats must be greater than 0. */
  min?: number
  max?: number
  positive?: boolean
  description: string
}

interface Spec {
  type: SettingType
  default?: unknown
  nullable?: boolean
  secret?: boolean
  aliases?: Array<string | SettingAlias>
  choices?: string[]
  min?: number
  max?: number
  positive?: boolean
  description: string
}

/** Build a definition from its TOML accessor path; the env name is derived from it. */
export function define(tomlPath: string, spec: Spec): SettingDefinition {
  return {
    name: `PREFECT_${tomlPath.toUpperCase().replaceAll('.', '_')}`,
    tomlPath,
    type: spec.type,
    default: spec.default ?? null,
    nullable: spec.nullable ?? (spec.default === undefined || spec.default === null),
    secret: spec.secret ?? false,
    aliases: (spec.aliases ?? []).map((alias) => (typeof alias === 'string' ? {name: alias} : alias)),
    choices: spec.choices,
    min: spec.min,
    max: spec.max,
    positive: spec.positive,
    description: spec.description,
  }
}

