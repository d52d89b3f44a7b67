import type {Knex} from 'knex'

import type {Dialect} from '../db/target.js'

/** The terminal state types (Prefect's TERMINAL_STATES): only runs in one of these are vacuumed. */
export const TERMINAL_STATES = ['COMPLETED', 'CANCELLED', 'FAILED', 'CRASHED']

/** The most values one `IN (…)` list carries (SQLite's bound-variable limit is far above it). */
export const IN_LIST_CHUNK = 500

/**
 * A point in time as the column stores it. SQLite: Prefect's Timestamp is a naive UTC string
 * `YYYY-MM-DD HH:MM:SS.ffffff` (SQLAlchemy's sqlite DATETIME), compared as text; PostgreSQL:
 * timestamptz.
 */
export function timestamp(knex: Knex | Knex.Transaction, dialect: Dialect, date: Date): Knex.Raw | string {
  if (dialect === 'postgresql') return knex.raw('?::timestamptz', [date.toISOString()])
  return `${date.toISOString().replace('T', ' ').replace('Z', '')}000`
}

/** `values` in slices of IN_LIST_CHUNK. */
export function chunks<T>(values: readonly T[], size = IN_LIST_CHUNK): T[][] {
  const out: T[][] = []
  for (let i = 0; i < values.length; i += size) out.push(values.slice(i, i + size))
  return out
}

/**
 * Flow runs the service deletes (vacuum_old_flow_runs), but for the top-level condition:
 * a terminal state, an end time, and that end time before the cutoff.
 */
export function endedBefore(query: Knex.QueryBuilder, cutoff: Knex.Raw | string, table = 'flow_run'): Knex.QueryBuilder {
  return query.whereIn(`${table}.state_type`, TERMINAL_STATES).whereNotNull(`${table}.end_time`).where(`${table}.end_time`, '<', cutoff)
}
