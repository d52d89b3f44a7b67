import type {Dialect} from '../db/target.js'

/**
 * What a vacuum run can clean, as `--only` names it. Prefect's `flow_runs` vacuum type is
 * `orphans` and `flow-runs` together; its `events` type is `events`.
 */
export const VACUUM_KINDS = ['orphans', 'flow-runs', 'events'] as const
export type VacuumKind = (typeof VACUUM_KINDS)[number]

/** The tables a run deletes from, in the order a summary lists them. */
export const VACUUM_TABLES = [
  'flow_run',
  'flow_run_state',
  'flow_run_input',
  'task_run',
  'task_run_state',
  'log',
  'artifact',
  'artifact_collection',
  'events',
  'event_resources',
] as const
export type VacuumTable = (typeof VACUUM_TABLES)[number]

export type TableCounts = Record<VacuumTable, number>

export function emptyCounts(): TableCounts {
  return Object.fromEntries(VACUUM_TABLES.map((table) => [table, 0])) as TableCounts
}

/** The service's settings, resolved (src/config/vacuum.ts reads them). */
export interface VacuumSettings {
  /** PREFECT_SERVER_SERVICES_DB_VACUUM_ENABLED, as kinds of this command. */
  enabled: VacuumKind[]
  /** PREFECT_SERVER_SERVICES_DB_VACUUM_RETENTION_PERIOD, seconds: flow runs. */
  retentionSeconds: number
  /** PREFECT_SERVER_EVENTS_RETENTION_PERIOD, seconds: events. */
  eventRetentionSeconds: number
  /** PREFECT_SERVER_SERVICES_DB_VACUUM_EVENT_RETENTION_OVERRIDES, seconds per event type. */
  eventRetentionOverrides: Record<string, number>
  /** PREFECT_SERVER_SERVICES_DB_VACUUM_BATCH_SIZE. */
  batchSize: number
}

export interface VacuumOptions {
  settings: VacuumSettings
  /** --only: these kinds, whatever the enabled setting says. */
  only?: VacuumKind[]
  /** --older-than: replaces both retention periods for this run (per-type overrides stay, capped by it). */
  olderThanSeconds?: number
  dryRun?: boolean
  /** --reclaim: give the space back afterwards (SQLite VACUUM, PostgreSQL VACUUM (ANALYZE)). */
  reclaim?: boolean
  /** "now", for the cutoffs (tests pass a fixed clock). */
  now?: Date
  lockTimeoutSeconds?: number
  /** Called before the real run with the rows it will delete, per table (for progress bars). */
  onTotals?: (totals: TableCounts) => void
  /** Called after each committed batch with the rows it deleted, per table. */
  onProgress?: (deleted: Partial<TableCounts>) => void
  /** Called when the run starts counting, deleting or reclaiming. */
  onPhase?: (phase: 'count' | 'delete' | 'reclaim') => void
  onWait?: (message: string) => void
  warn?: (message: string) => void
  onQuery?: (sql: string) => void
}

/** The cutoffs a run applies: rows older than these go. */
export interface VacuumCutoffs {
  /** Flow runs that ended before this (null: flow runs not vacuumed). */
  flowRuns: Date | null
  /** Events that occurred before this (null: events not vacuumed). */
  events: Date | null
  /** Per event type: events of that type that occurred before this. */
  eventTypes: Record<string, Date>
}

export interface VacuumResult {
  database: string
  dialect: Dialect
  dryRun: boolean
  kinds: VacuumKind[]
  cutoffs: {flowRuns: string | null; events: string | null; eventTypes: Record<string, string>}
  /** Rows deleted (or, with dryRun, that would be), per table. */
  deleted: TableCounts
  /** Artifact collections kept but re-pointed at their newest remaining artifact. */
  collectionsRepointed: number
  totalRows: number
  seconds: number
  rowsPerSecond: number
  /** What --reclaim did, or null. */
  reclaim: ReclaimResult | null
}

export interface ReclaimResult {
  /** 'VACUUM' (SQLite) or 'VACUUM (ANALYZE)' on each table (PostgreSQL). */
  statement: string
  /** SQLite: the file's size before and after, in bytes (null on PostgreSQL). */
  bytesBefore: number | null
  bytesAfter: number | null
  note: string | null
}
