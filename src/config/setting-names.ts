import {UsageError} from '../errors.js'
import {findSetting, validSettingNames} from './registry.js'
import type {SettingDefinition} from './setting-types.js'
import {closestName} from './suggest.js'

/** A name as typed on the command line, resolved to its definition or a UsageError with a hint. */
export function knownSetting(name: string): SettingDefinition {
  const found = findSetting(name)
  if (found) return found.definition
  const near = closestName(name, validSettingNames())
  // Suggest the current name even when the nearest match is a legacy alias.
  const suggestion = near === undefined ? undefined : findSetting(near)?.definition.name
  throw new UsageError(`Unknown setting name '${name}'.`, suggestion ? `Did you mean '${suggestion}'?` : undefined)
}

/** The names a definition may be stored under in a profile: canonical first, then aliases. */
export function namesOf(definition: SettingDefinition): string[] {
  return [definition.name, ...definition.aliases.map((alias) => alias.name)]
}
