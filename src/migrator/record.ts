import type {Knex} from 'knex'

import type {Dialect} from '../db/target.js'
import {MigrationError} from '../errors.js'
import type {Chain} from './chain.js'

/** Our version record: one row per applied revision. */
export const RECORD_TABLE = 'prefect_migrations'

export interface RecordRow {
  revision: string
  appliedAt: string
  executionMs: number
}

export interface DatabaseState {
  /** Position of the current revision in the chain; -1 is base. */
  position: number
  /** Whether our record table exists. */
  hasRecord: boolean
  applied: RecordRow[]
  /** Tables that are not our record table. */
  otherTables: string[]
  /**
   * A revision outside a transaction whose `down` began and did not finish (the run was killed
   * or failed): it is still the current one, half reverted. An upgrade runs its `up` again, a
   * downgrade its `down`; both are written to be safe to repeat.
   */
  interrupted: string | null
}

/** `execution_ms` of a record row whose revision's `down` has begun: see DatabaseState.interrupted. */
export const INTERRUPTED_MS = -1

type Db = Knex | Knex.Transaction

export async function listTables(knex: Db, dialect: Dialect): Promise<string[]> {
  if (dialect === 'sqlite') {
    const rows = (await knex.raw("select name from sqlite_master where type = 'table' and name not like 'sqlite\\_%' escape '\\' order by name")) as Array<{name: string}>
    return rows.map((row) => row.name)
  }

  const result = (await knex.raw('select tablename as name from pg_catalog.pg_tables where schemaname = current_schema() order by tablename')) as {rows: Array<{name: string}>}
  return result.rows.map((row) => row.name)
}

export async function ensureRecordTable(knex: Db): Promise<void> {
  await knex.raw(`create table if not exists ${RECORD_TABLE} (revision varchar(12) not null primary key, applied_at timestamp not null, execution_ms integer not null)`)
}

export async function dropRecordTable(knex: Db): Promise<void> {
  await knex.raw(`drop table if exists ${RECORD_TABLE}`)
}

/**
 * Record a revision as applied. `replace` overwrites a row it may already have (the half-reverted
 * mark of DatabaseState.interrupted) in the same statement; otherwise a row already there is an error.
 */
export async function addRecord(knex: Db, dialect: Dialect, revision: string, executionMs: number, {replace = false} = {}): Promise<void> {
  const now = dialect === 'sqlite' ? 'CURRENT_TIMESTAMP' : "timezone('utc', now())"
  const conflict = replace ? ' on conflict (revision) do update set applied_at = excluded.applied_at, execution_ms = excluded.execution_ms' : ''
  await knex.raw(`insert into ${RECORD_TABLE} (revision, applied_at, execution_ms) values (?, ${now}, ?)${conflict}`, [revision, Math.round(executionMs)])
}

/**
 * PostgreSQL, inside a batch: the record row's change as a literal statement, or null for an id
 * that is not 12 hex characters (a chain passed to the API may hold any id; it then runs live).
 * The execution time is the server's, from the start of the revision's transaction.
 */
export function recordStatement(revision: string, direction: 'upgrade' | 'downgrade'): string | null {
  if (!/^[0-9a-f]{12}$/.test(revision)) return null
  return direction === 'upgrade'
    ? `insert into ${RECORD_TABLE} (revision, applied_at, execution_ms) values ('${revision}', timezone('utc', now()), round(extract(epoch from clock_timestamp() - now()) * 1000))`
    : `delete from ${RECORD_TABLE} where revision = '${revision}'`
}

export async function removeRecord(knex: Db, revision: string): Promise<void> {
  await knex.raw(`delete from ${RECORD_TABLE} where revision = ?`, [revision])
}

/** Rewrite the record so that exactly the revisions up to `position` are applied (stamp). */
export async function rewriteRecord(knex: Db, dialect: Dialect, chain: Chain, position: number): Promise<void> {
  await knex.raw(`delete from ${RECORD_TABLE}`)
  for (const revision of chain.revisions.slice(0, position + 1)) await addRecord(knex, dialect, revision.revision, 0)
}

/**
 * Read the record and derive the current revision: the applied set must be a prefix of the
 * chain. A revision we do not know means a newer version migrated this database.
 */
export async function readState(knex: Db, dialect: Dialect, chain: Chain, displayUrl: string): Promise<DatabaseState> {
  const tables = await listTables(knex, dialect)
  const hasRecord = tables.includes(RECORD_TABLE)
  const otherTables = tables.filter((table) => table !== RECORD_TABLE)
  if (!hasRecord) return {position: -1, hasRecord, applied: [], otherTables, interrupted: null}
  // As UTC text on PostgreSQL: pg would read a `timestamp` column in the local time zone.
  const appliedAt = dialect === 'postgresql' ? knex.raw(`to_char(applied_at, 'YYYY-MM-DD HH24:MI:SS') as applied_at`) : 'applied_at'
  const rows = (await knex.select('revision', appliedAt, 'execution_ms').from(RECORD_TABLE)) as Array<{revision: string; applied_at: unknown; execution_ms: number}>
  const applied = rows.map((row) => ({revision: row.revision, appliedAt: timestampText(row.applied_at), executionMs: Number(row.execution_ms)}))
  const unknown = applied.filter((row) => chain.positionOf(row.revision) === undefined)
  if (unknown.length > 0) {
    throw new MigrationError(
      `The database at ${displayUrl} is at revision ${unknown.map((row) => row.revision).join(', ')}, which this version does not know: a newer version of Prefect migrated it.`,
      `Use that newer version to downgrade it (prefect server database downgrade -r ${chain.head?.revision ?? 'base'}), or upgrade this tool.`,
    )
  }

  const positions = applied.map((row) => chain.positionOf(row.revision)!).sort((a, b) => a - b)
  const position = positions.length - 1
  if (positions.some((p, i) => p !== i)) {
    const missing = chain.revisions.slice(0, position + 1).filter((_, i) => !positions.includes(i)).map((r) => r.revision)
    throw new MigrationError(
      `The migration record of ${displayUrl} is inconsistent: revisions ${missing.join(', ')} are missing below applied ones.`,
      "Fix it with 'prefect server database stamp <revision>' once you know the real schema state.",
    )
  }

  applied.sort((a, b) => chain.positionOf(a.revision)! - chain.positionOf(b.revision)!)
  const interrupted = applied.filter((row) => row.executionMs === INTERRUPTED_MS)
  if (interrupted.length > 1 || (interrupted.length === 1 && interrupted[0] !== applied.at(-1))) {
    throw new MigrationError(
      `The migration record of ${displayUrl} is inconsistent: revisions ${interrupted.map((row) => row.revision).join(', ')} are marked as half reverted below the current one.`,
      "Fix it with 'prefect server database stamp <revision>' once you know the real schema state.",
    )
  }

  return {position: positions.at(-1) ?? -1, hasRecord, applied, otherTables, interrupted: interrupted[0]?.revision ?? null}
}

/**
 * Where a plan starts: the current position, except that an upgrade counts a half-reverted
 * revision as not applied, so that its `up` runs again.
 */
export function planningPosition(state: DatabaseState, action: 'upgrade' | 'downgrade'): number {
  return action === 'upgrade' && state.interrupted ? state.position - 1 : state.position
}

/** Mark a revision's `down` as begun (outside a transaction): see DatabaseState.interrupted. */
export async function markInterrupted(knex: Db, revision: string): Promise<void> {
  await knex.raw(`update ${RECORD_TABLE} set execution_ms = ${INTERRUPTED_MS} where revision = ?`, [revision])
}

/** Never migrate blindly a database that has tables but no record of ours. */
export function assertMigratable(state: DatabaseState, displayUrl: string): DatabaseState {
  if (state.hasRecord || state.otherTables.length === 0) return state
  const alembic = state.otherTables.includes('alembic_version')
  const shown = state.otherTables.slice(0, 5).join(', ') + (state.otherTables.length > 5 ? ', …' : '')
  throw new MigrationError(
    `The database at ${displayUrl} has tables (${shown}) but no prefect-dbadmin migration record${alembic ? ' (it was migrated by Python Prefect/alembic)' : ''}; refusing to migrate it blindly.`,
    "If its schema matches a revision, run 'prefect server database stamp <revision>'; to drop everything and start over, run 'prefect server database reset'.",
  )
}

function timestampText(value: unknown): string {
  if (value instanceof Date) return value.toISOString()
  const text = String(value)
  return /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/.test(text) ? `${text.replace(' ', 'T')}Z` : text
}
