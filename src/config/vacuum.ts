import {ConfigError} from '../errors.js'
import type {VacuumKind, VacuumSettings} from '../vacuum/types.js'
import type {ResolvedSettings} from './types.js'
import {durationSeconds} from './values.js'

/**
 * The db_vacuum service's settings, as the vacuum command applies them. The enabled set maps
 * Prefect's `flow_runs` to this command's `orphans` and `flow-runs`, and its `events` to
 * `events` unless the event persister is off (the service then does not trim events either).
 */
export function vacuumSettings(settings: ResolvedSettings): VacuumSettings {
  const enabled = (settings.get('PREFECT_SERVER_SERVICES_DB_VACUUM_ENABLED') as string[] | null) ?? []
  const kinds: VacuumKind[] = []
  if (enabled.includes('flow_runs')) kinds.push('orphans', 'flow-runs')
  if (enabled.includes('events') && settings.get('PREFECT_SERVER_SERVICES_EVENT_PERSISTER_ENABLED') !== false) kinds.push('events')
  return {
    enabled: kinds,
    retentionSeconds: settings.get('PREFECT_SERVER_SERVICES_DB_VACUUM_RETENTION_PERIOD') as number,
    eventRetentionSeconds: settings.get('PREFECT_SERVER_EVENTS_RETENTION_PERIOD') as number,
    eventRetentionOverrides: overrides(settings.get('PREFECT_SERVER_SERVICES_DB_VACUUM_EVENT_RETENTION_OVERRIDES')),
    batchSize: settings.get('PREFECT_SERVER_SERVICES_DB_VACUUM_BATCH_SIZE') as number,
  }
}

/** Each override in seconds (a number, or a string as the duration settings take); positive, as Prefect validates. */
function overrides(value: unknown): Record<string, number> {
  const out: Record<string, number> = {}
  for (const [type, raw] of Object.entries((value ?? {}) as Record<string, unknown>)) {
    const seconds = typeof raw === 'number' ? raw : typeof raw === 'string' ? durationSeconds(raw) : null
    if (seconds === null || !(seconds > 0)) {
      throw new ConfigError(
        `Invalid value for PREFECT_SERVER_SERVICES_DB_VACUUM_EVENT_RETENTION_OVERRIDES: the retention for '${type}' must be a positive number of seconds or an ISO 8601 duration.`,
      )
    }

    out[type] = seconds
  }

  return out
}
