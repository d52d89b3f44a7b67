import {durationSeconds} from '../config/values.js'
import {UsageError} from '../errors.js'

const UNIT_SECONDS: Record<string, number> = {s: 1, m: 60, h: 3600, d: 86_400, w: 604_800}
const HUMAN = /^(?:\d+(?:\.\d+)?[smhdw])+$/i

/** The smallest retention the service accepts (Prefect: retention_period > 1 hour). */
export const MINIMUM_RETENTION_SECONDS = 3600

/**
 * --older-than DURATION: `90d`, `12h`, `1w2d`, `45m`, `3600s`, plain seconds, or ISO 8601
 * (`P90D`, `PT12H`, as the settings take). At least an hour, as the service's retention.
 */
export function parseOlderThan(text: string): number {
  const value = text.trim()
  let seconds: number | null = null
  if (/^\d+(\.\d+)?$/.test(value)) seconds = Number(value)
  else if (HUMAN.test(value)) {
    seconds = 0
    for (const [, amount, unit] of value.matchAll(/(\d+(?:\.\d+)?)([smhdw])/gi)) seconds += Number(amount) * UNIT_SECONDS[unit.toLowerCase()]
  } else if (/^P/i.test(value)) seconds = durationSeconds(value)

  if (seconds === null) throw new UsageError(`Invalid value for --older-than: '${text}' is not a duration.`, "Use e.g. 90d, 12h, 2w, 30m, P90D or a number of seconds.")
  if (seconds < MINIMUM_RETENTION_SECONDS) throw new UsageError(`Invalid value for --older-than: '${text}' is shorter than one hour, the service's minimum retention.`)
  return seconds
}

/** Seconds as a person reads them: 90 days, 12 hours, 1.5 hours. */
export function describeSeconds(seconds: number): string {
  for (const [unit, size] of [['day', 86_400], ['hour', 3600], ['minute', 60]] as const) {
    if (seconds >= size) {
      const amount = Number((seconds / size).toFixed(1))
      return `${amount} ${unit}${amount === 1 ? '' : 's'}`
    }
  }

  return `${seconds} seconds`
}
