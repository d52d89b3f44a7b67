import type {SettingDefinition} from './setting-types.js'

/** A default as Prefect prints it in `config view --show-defaults` (Python str()). */
export function displayDefault(definition: SettingDefinition): string {
  if (definition.defaultText !== undefined) return definition.defaultText
  return pythonStr(definition.default, definition.type === 'float')
}

export function pythonStr(value: unknown, float = false): string {
  if (value === null || value === undefined) return 'None'
  if (typeof value === 'boolean') return value ? 'True' : 'False'
  if (typeof value === 'number' && float && Number.isInteger(value)) return `${value}.0`
  return String(value)
}
