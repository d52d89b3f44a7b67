import type {SettingDefinition} from './setting-types.js'

/**
 * A typed value as `config view` prints it: what a person writes and a script parses back
 * (true, 10.0, P90D, ["events"], {"a": 1}), never a Python repr; null for an unset value.
 */
export function displayValue(definition: SettingDefinition, value: unknown): string | null {
  if (value === null || value === undefined) return null
  switch (definition.type) {
    case 'bool':
      return value ? 'true' : 'false'
    case 'float':
      return typeof value === 'number' && Number.isInteger(value) ? `${value}.0` : String(value)
    case 'duration':
      return typeof value === 'number' ? isoDuration(value) : String(value)
    case 'set':
    case 'json':
      return JSON.stringify(value)
    default:
      return typeof value === 'string' ? value : JSON.stringify(value)
  }
}

/** Seconds as an ISO 8601 duration, the form durations are also accepted in: 7776000 -> P90D. */
export function isoDuration(seconds: number): string {
  if (seconds === 0) return 'PT0S'
  const days = Math.floor(seconds / 86_400)
  let rest = seconds - days * 86_400
  const hours = Math.floor(rest / 3600)
  rest -= hours * 3600
  const minutes = Math.floor(rest / 60)
  rest -= minutes * 60
  const time = `${hours ? `${hours}H` : ''}${minutes ? `${minutes}M` : ''}${rest ? `${Number(rest.toFixed(6))}S` : ''}`
  return `P${days ? `${days}D` : ''}${time ? `T${time}` : ''}`
}
