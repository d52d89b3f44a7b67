import type {Knex} from 'knex'

import type {Dialect} from '../db/target.js'
import {MigrationError, NewerDatabaseError} from '../errors.js'
import {listTables, listTablesSql, tablesByOwner} from '../db/drop-all.js'
import type {Chain} from './chain.js'
import {INTERRUPTED_MS, RECORD_TABLE, VERSION_TABLE} from './record-tables.js'
import type {BaselineInfo, BaselineRecord} from './types.js'

/**
 * The version record is alembic's, as Prefect keeps it: `alembic_version`, one row holding the
 * current revision (`version_num`, primary key `alembic_version_pkc`), no row at base. It changes
 * in the same transaction as the revision's own changes.
 *
 * `prefect_migrations` is ours, kept beside it for what alembic lacks: when each revision was
 * applied, how long it took, and the half-reverted mark. Nothing depends on it being there (a
 * database Prefect migrated has none; Prefect's `reset` may drop it).
 */

export interface RecordRow {
  revision: string
  appliedAt: string | null
  executionMs: number | null
  /** The baseline install that applied this revision (it has no row of its own), if one did. */
  baseline?: BaselineRecord | null
}

/**
 * A baseline install is one row of our log, `baseline:<head>`, standing for every revision from
 * the chain's first to `<head>` (applied together, in one transaction); the revisions themselves
 * get no row. A revision that later runs by itself (after a downgrade) gets its own row as usual,
 * which then speaks for it. The row goes with the log (downgrade to base, stamp, reset).
 */
export const BASELINE_PREFIX = 'baseline:'

export interface DatabaseState {
  /** Position of the current revision in the chain; -1 is base. */
  position: number
  /** Whether alembic_version exists. */
  hasRecord: boolean
  /** The revisions up to the current one, with what our own log knows of each. */
  applied: RecordRow[]
  /** Tables that are neither alembic_version nor our log. */
  otherTables: string[]
  /**
   * A revision outside a transaction whose `down` began and did not finish (the run was killed
   * or failed): it is still the current one, half reverted. An upgrade runs its `up` again, a
   * downgrade its `down`; both are written to be safe to repeat.
   */
  interrupted: string | null
  /** The log's baseline row, when the database was built from a baseline (see BASELINE_PREFIX). */
  baseline: BaselineRecord | null
}

type Db = Knex | Knex.Transaction

/** alembic_version as alembic creates it, and our log. */
export const RECORD_TABLE_STATEMENTS = [
  `create table if not exists ${VERSION_TABLE} (version_num varchar(32) not null, constraint alembic_version_pkc primary key (version_num))`,
  `create table if not exists ${RECORD_TABLE} (revision varchar(32) not null primary key, applied_at timestamp not null, execution_ms integer not null)`,
]

export async function ensureRecordTable(knex: Db): Promise<void> {
  for (const sql of RECORD_TABLE_STATEMENTS) await knex.raw(sql)
}

/** At base: alembic_version stays, empty, as alembic leaves it; our log goes. */
export async function dropRecordTable(knex: Db): Promise<void> {
  await knex.raw(`drop table if exists ${RECORD_TABLE}`)
}

function versionStatements(revision: string | null): string[] {
  return [`delete from ${VERSION_TABLE}`, ...(revision ? [`insert into ${VERSION_TABLE} (version_num) values ('${revision}')`] : [])]
}

const SAFE_ID = /^[0-9A-Za-z_]{1,32}$/

function checkId(revision: string): void {
  if (!SAFE_ID.test(revision)) throw new MigrationError(`'${revision}' cannot be a revision id (letters, digits and _ only, at most 32).`)
}

/**
 * Record a revision as applied: alembic_version moves to it, our log gets its row (replacing a
 * half-reverted mark it may already have).
 */
export async function addRecord(knex: Db, dialect: Dialect, revision: string, executionMs: number): Promise<void> {
  checkId(revision)
  for (const sql of versionStatements(revision)) await knex.raw(sql)
  const now = dialect === 'sqlite' ? 'CURRENT_TIMESTAMP' : "timezone('utc', now())"
  await knex.raw(
    `insert into ${RECORD_TABLE} (revision, applied_at, execution_ms) values (?, ${now}, ?) on conflict (revision) do update set applied_at = excluded.applied_at, execution_ms = excluded.execution_ms`,
    [revision, Math.round(executionMs)],
  )
}

/** Record a revision as reverted: alembic_version moves to its parent (no row at base). */
export async function removeRecord(knex: Db, revision: string, downRevision: string | null): Promise<void> {
  checkId(revision)
  if (downRevision) checkId(downRevision)
  for (const sql of versionStatements(downRevision)) await knex.raw(sql)
  await knex.raw(`delete from ${RECORD_TABLE} where revision = ?`, [revision])
}

/**
 * PostgreSQL, inside a batch: the record's change as literal statements, or null for an id
 * that cannot be written literally (it then runs live). The execution time is the server's,
 * from the start of the revision's transaction.
 */
export function recordStatements(revision: string, downRevision: string | null, direction: 'upgrade' | 'downgrade'): string[] | null {
  if (!SAFE_ID.test(revision) || (downRevision !== null && !SAFE_ID.test(downRevision))) return null
  return direction === 'upgrade'
    ? [
        ...versionStatements(revision),
        `insert into ${RECORD_TABLE} (revision, applied_at, execution_ms) values ('${revision}', timezone('utc', now()), round(extract(epoch from clock_timestamp() - now()) * 1000)) on conflict (revision) do update set applied_at = excluded.applied_at, execution_ms = excluded.execution_ms`,
      ]
    : [...versionStatements(downRevision), `delete from ${RECORD_TABLE} where revision = '${revision}'`]
}

/**
 * A baseline install's record, as literal statements: alembic_version at the baseline's revision
 * and its one log row. `executionMs` null: PostgreSQL's own clock, from the start of the
 * transaction (the statements then run in the same query as the DDL).
 */
export function baselineRecordStatements(dialect: Dialect, baseline: BaselineInfo, executionMs: number | null): string[] {
  checkId(baseline.revision)
  const now = dialect === 'sqlite' ? 'CURRENT_TIMESTAMP' : "timezone('utc', now())"
  const ms = executionMs === null ? 'round(extract(epoch from clock_timestamp() - now()) * 1000)' : String(Math.round(executionMs))
  return [
    ...versionStatements(baseline.revision),
    `insert into ${RECORD_TABLE} (revision, applied_at, execution_ms) values ('${BASELINE_PREFIX}${baseline.revision}', ${now}, ${ms})`,
  ]
}

/** Rewrite the record so that the database counts as being at `position` (stamp). */
export async function rewriteRecord(knex: Db, chain: Chain, position: number): Promise<void> {
  const revision = chain.idAt(position)
  if (revision) checkId(revision)
  for (const sql of versionStatements(revision)) await knex.raw(sql)
  // Our log says nothing about a stamped revision: when or how it was applied is unknown.
  await knex.raw(`delete from ${RECORD_TABLE}`)
}

/** The ids of this tool's own chain before it took up Prefect's (prefect_migrations only). */
const LEGACY_REVISIONS = new Set([
  '14d2c846dfca', 'cb524455011f', '57544825f2f3', '4183d65d8df3', '5c178af9eb4c', 'cd6ae0d4ed9d', 'a59bf34a09d5', '9947c89300a4',
  'b97f77089d4e', '500b1e01c208', 'a4ba7112ca52', '8b0a242ddb67', '0e8bc7aff8ea', 'f2be5c61df5f', '8f942a471e8a', 'cf78815731d6', '97614e18f888',
])

/** What the state is read from: the tables, alembic_version's revisions and our log's rows. */
interface RecordSource {
  tables(): Promise<string[]>
  versions(): Promise<string[]>
  log(): Promise<RecordRow[]>
}

/**
 * Read alembic_version (and our log) and derive the current revision. A revision the chain does
 * not know means a newer Prefect migrated this database: refused before anything changes.
 */
export async function readState(knex: Db, dialect: Dialect, chain: Chain, displayUrl: string): Promise<DatabaseState> {
  return stateFrom(
    {
      tables: () => listTables(knex, dialect),
      versions: async () => ((await knex.select('version_num').from(VERSION_TABLE)) as Array<{version_num: string}>).map((row) => row.version_num),
      log: () => readLog(knex, dialect),
    },
    chain,
    displayUrl,
  )
}

/**
 * The same reads through a plain connection, without knex (the no-op upgrade's check, see
 * migrate.ts): the same statements but for alembic_version's, which knex would quote.
 */
export async function readStateRaw(db: {rows(sql: string): Promise<unknown[]>}, dialect: Dialect, chain: Chain, displayUrl: string): Promise<DatabaseState> {
  return stateFrom(
    {
      tables: async () => ((await db.rows(listTablesSql(dialect))) as Array<{name: string}>).map((row) => row.name),
      versions: async () => ((await db.rows(`select version_num from ${VERSION_TABLE}`)) as Array<{version_num: string}>).map((row) => row.version_num),
      log: async () => logRows((await db.rows(`select revision, ${appliedAtColumn(dialect)}, execution_ms from ${RECORD_TABLE}`)) as LogRow[]),
    },
    chain,
    displayUrl,
  )
}

async function stateFrom(source: RecordSource, chain: Chain, displayUrl: string): Promise<DatabaseState> {
  const tables = await source.tables()
  const hasRecord = tables.includes(VERSION_TABLE)
  const hasLog = tables.includes(RECORD_TABLE)
  const otherTables = tables.filter((table) => table !== VERSION_TABLE && table !== RECORD_TABLE)
  const log = hasLog ? await source.log() : []
  if (!hasRecord) {
    if (hasLog) assertNotLegacy(log, otherTables, displayUrl)
    return {position: -1, hasRecord, applied: [], otherTables, interrupted: null, baseline: null}
  }

  const versions = await source.versions()
  if (versions.length > 1) {
    throw new MigrationError(
      `The database at ${displayUrl} records several current revisions (${versions.join(', ')}) in alembic_version; Prefect's chains have no branches.`,
      "Fix it with 'prefect server database stamp <revision>' once you know the real schema state.",
    )
  }

  const baseline = baselineOf(log, chain)
  if (versions.length === 0) return {position: -1, hasRecord, applied: [], otherTables, interrupted: null, baseline}
  const [current] = versions
  const position = chain.positionOf(current)
  if (position === undefined) throw newerRevisionError(current, chain, displayUrl)
  const byRevision = new Map(log.map((row) => [row.revision, row]))
  const baselinePosition = baseline ? chain.positionOf(baseline.revision)! : -1
  const applied = chain.revisions.slice(0, position + 1).map((revision, i) => {
    const own = byRevision.get(revision.revision)
    if (!own && baseline && i <= baselinePosition) return {revision: revision.revision, appliedAt: baseline.appliedAt, executionMs: null, baseline}
    return {revision: revision.revision, appliedAt: own?.appliedAt ?? null, executionMs: own?.executionMs ?? null, baseline: null}
  })
  const interrupted = byRevision.get(current)?.executionMs === INTERRUPTED_MS ? current : null
  return {position, hasRecord, applied, otherTables, interrupted, baseline}
}

/** The log's baseline row (see BASELINE_PREFIX), if it names a revision of this chain. */
function baselineOf(log: RecordRow[], chain: Chain): BaselineRecord | null {
  const row = log.find((entry) => entry.revision.startsWith(BASELINE_PREFIX))
  const revision = row?.revision.slice(BASELINE_PREFIX.length)
  const position = revision === undefined ? undefined : chain.positionOf(revision)
  if (!row || revision === undefined || position === undefined) return null
  return {revision, from: chain.revisions[0].revision, revisions: position + 1, appliedAt: row.appliedAt, executionMs: row.executionMs}
}

/** Exit code 9: the database is newer than this tool. */
export function newerRevisionError(revision: string, chain: Chain, displayUrl: string): NewerDatabaseError {
  const head = chain.head?.revision ?? 'base'
  return new NewerDatabaseError(
    `The database at ${displayUrl} is at revision ${revision}, which this tool does not know: it is newer than this tool's chain (head ${head}), so a newer Prefect migrated it (or another application's alembic did). Nothing was changed.`,
    `Use that Prefect version to downgrade it (prefect server database downgrade -r ${head}), or upgrade this tool.`,
  )
}

// As UTC text on PostgreSQL: pg would read a `timestamp` column in the local time zone.
function appliedAtColumn(dialect: Dialect): string {
  return dialect === 'postgresql' ? "to_char(applied_at, 'YYYY-MM-DD HH24:MI:SS') as applied_at" : 'applied_at'
}

type LogRow = {revision: string; applied_at: unknown; execution_ms: number}

function logRows(rows: LogRow[]): RecordRow[] {
  return rows.map((row) => ({revision: row.revision, appliedAt: timestampText(row.applied_at), executionMs: Number(row.execution_ms)}))
}

async function readLog(knex: Db, dialect: Dialect): Promise<RecordRow[]> {
  const appliedAt = dialect === 'postgresql' ? knex.raw(appliedAtColumn(dialect)) : 'applied_at'
  return logRows((await knex.select('revision', appliedAt, 'execution_ms').from(RECORD_TABLE)) as LogRow[])
}

function assertNotLegacy(log: RecordRow[], otherTables: string[], displayUrl: string): void {
  if (log.length === 0 && otherTables.length === 0) return
  const legacy = log.filter((row) => LEGACY_REVISIONS.has(row.revision)).map((row) => row.revision)
  const what = legacy.length > 0 ? `at revision ${legacy.at(-1)} of the 17-revision chain` : 'with a prefect_migrations record but no alembic_version'
  throw new MigrationError(
    `The database at ${displayUrl} was made by an earlier prefect-dbadmin (${what}), before it took up Prefect's own revision chains: no Prefect server can use it, and it cannot be migrated to Prefect's chain. Nothing was changed.`,
    "Copy out any data you need, then run 'prefect server database reset' to start it over on Prefect's chain (this drops its tables).",
  )
}

/**
 * Where a plan starts: the current position, except that an upgrade counts a half-reverted
 * revision as not applied, so that its `up` runs again.
 */
export function planningPosition(state: DatabaseState, action: 'upgrade' | 'downgrade'): number {
  return action === 'upgrade' && state.interrupted ? state.position - 1 : state.position
}

/** Mark a revision's `down` as begun (outside a transaction): see DatabaseState.interrupted. */
export async function markInterrupted(knex: Db, dialect: Dialect, revision: string): Promise<void> {
  const now = dialect === 'sqlite' ? 'CURRENT_TIMESTAMP' : "timezone('utc', now())"
  await knex.raw(
    `insert into ${RECORD_TABLE} (revision, applied_at, execution_ms) values (?, ${now}, ${INTERRUPTED_MS}) on conflict (revision) do update set execution_ms = ${INTERRUPTED_MS}`,
    [revision],
  )
}

/** Never migrate blindly a database that has tables but no alembic_version. */
export function assertMigratable(state: DatabaseState, displayUrl: string): DatabaseState {
  if (state.hasRecord || state.otherTables.length === 0) return state
  const shown = state.otherTables.slice(0, 5).join(', ') + (state.otherTables.length > 5 ? ', …' : '')
  const {prefect} = tablesByOwner(state.otherTables)
  const resetWould =
    prefect.length === 0
      ? "'reset' would drop none of them: none is Prefect's"
      : `'reset' would drop the ${prefect.length} that are Prefect's (${prefect.slice(0, 5).join(', ')}${prefect.length > 5 ? ', …' : ''}) and keep the rest`
  throw new MigrationError(
    `The database at ${displayUrl} has tables (${shown}) but no alembic_version: it is not a Prefect database, or not one Prefect migrated; refusing to migrate it blindly. Nothing was changed.`,
    `If its schema matches a Prefect revision, run 'prefect server database stamp <revision>'; otherwise point PREFECT_API_DATABASE_CONNECTION_URL at an empty database (${resetWould}).`,
  )
}

function timestampText(value: unknown): string {
  if (value instanceof Date) return value.toISOString()
  const text = String(value)
  return /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/.test(text) ? `${text.replace(' ', 'T')}Z` : text
}
