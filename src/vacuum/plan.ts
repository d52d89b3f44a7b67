import {VACUUM_KINDS, type VacuumCutoffs, type VacuumKind, type VacuumOptions} from './types.js'

/** The kinds a run cleans: --only, else the enabled setting; in the order they run. */
export function vacuumKinds(options: Pick<VacuumOptions, 'only' | 'settings'>): VacuumKind[] {
  const chosen = new Set(options.only ?? options.settings.enabled)
  return VACUUM_KINDS.filter((kind) => chosen.has(kind))
}

/**
 * The cutoffs, from the service's settings: flow runs ended before now - retention_period;
 * events occurred before now - server.events.retention_period; each overridden event type before
 * now - min(its override, the events retention), as the service caps it. --older-than replaces
 * both retention periods (and so caps the overrides too).
 */
export function vacuumCutoffs(kinds: readonly VacuumKind[], options: Pick<VacuumOptions, 'settings' | 'olderThanSeconds'>, now: Date): VacuumCutoffs {
  const {settings, olderThanSeconds} = options
  const before = (seconds: number) => new Date(now.getTime() - seconds * 1000)
  const runs = kinds.includes('flow-runs') ? before(olderThanSeconds ?? settings.retentionSeconds) : null
  if (!kinds.includes('events')) return {flowRuns: runs, events: null, eventTypes: {}}
  const eventRetention = olderThanSeconds ?? settings.eventRetentionSeconds
  const eventTypes = Object.fromEntries(
    Object.entries(settings.eventRetentionOverrides).map(([type, seconds]) => [type, before(Math.min(seconds, eventRetention))]),
  )
  return {flowRuns: runs, events: before(eventRetention), eventTypes}
}
