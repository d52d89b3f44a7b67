import type {Knex} from 'knex'

import {errorFirstLine, translateConnectionError} from '../db/connection-errors.js'
import {sendStatements} from '../db/raw-statements.js'
import type {DatabaseTarget, Dialect} from '../db/target.js'
import {isPrefectError, MigrationError, type PrefectError} from '../errors.js'
import type {Revision} from '../migrations/types.js'
import type {PostgresBatcher} from './batch.js'
import type {Step} from './plan.js'
import {addRecord, markInterrupted, recordStatements, removeRecord} from './record.js'
import type {ChainEntry} from './chain.js'
import type {AppliedRevision, StartedRevision} from './types.js'

export interface StepHooks {
  onStart?: (step: StartedRevision) => void
  onApplied?: (applied: AppliedRevision) => void
}

export interface StepOptions extends StepHooks {
  /** PostgreSQL: send each qualifying revision as one batch (see PostgresBatcher); off for --dry-run. */
  batch?: boolean
}

export function runsInTransaction(revision: Revision, dialect: Dialect): boolean {
  return typeof revision.transaction === 'boolean' ? revision.transaction : (revision.transaction[dialect] ?? true)
}

/**
 * Run the steps in order, each in its own transaction together with its record row, so a run
 * killed at any moment leaves the database at a recorded revision. On SQLite foreign keys are
 * off for the run (the pragma cannot change inside a transaction, and table rebuilds need it
 * off) and every revision must leave `PRAGMA foreign_key_check` empty before it commits.
 * Revisions marked non-transactional for the dialect run bare; they are written so that running
 * them again is safe. Their record row is written after their `up`, and marked before their
 * `down` (DatabaseState.interrupted), so a run stopped part-way is finished by the next one.
 */
export async function runSteps(
  knex: Knex,
  target: DatabaseTarget,
  steps: Step[],
  options: StepOptions = {},
): Promise<AppliedRevision[]> {
  const {dialect} = target
  const applied: AppliedRevision[] = []
  if (steps.length === 0) return applied
  // Only the revisions that run are loaded, all before the first one starts.
  const loaded = await Promise.all(steps.map(async (step) => ({...step, revision: await loadRevision(step.revision)})))
  // The batcher's recording client is a knex of its own: loaded only for a PostgreSQL run.
  const batcher = dialect === 'postgresql' && options.batch ? new (await import('./batch.js')).PostgresBatcher() : undefined
  if (dialect === 'sqlite') await knex.raw('PRAGMA foreign_keys = OFF')
  try {
    for (const step of loaded) {
      options.onStart?.({revision: step.revision.revision, message: step.revision.message, direction: step.direction})
      const done = await runStep(knex, target, step, batcher)
      applied.push(done)
      options.onApplied?.(done)
    }
  } finally {
    if (dialect === 'sqlite') await knex.raw('PRAGMA foreign_keys = ON')
    await batcher?.destroy()
  }

  return applied
}

/** A chain entry's module, checked against the entry's listing. */
export async function loadRevision(entry: ChainEntry): Promise<Revision> {
  if (!('load' in entry)) return entry
  const revision = await entry.load()
  if (revision.revision !== entry.revision || revision.downRevision !== entry.downRevision) {
    throw new MigrationError(`The module of revision ${entry.revision} (${entry.file}) declares ${revision.revision} after ${revision.downRevision ?? 'base'}.`, 'This is a bug in the migrations list.')
  }

  return revision
}

interface LoadedStep extends Step {
  revision: Revision
}

async function runStep(knex: Knex, target: DatabaseTarget, step: LoadedStep, batcher?: PostgresBatcher): Promise<AppliedRevision> {
  const {dialect} = target
  const {revision, direction} = step
  const body = direction === 'upgrade' ? revision.up : revision.down
  const start = performance.now()
  const record = async (db: Knex | Knex.Transaction, milliseconds: number) =>
    direction === 'upgrade' ? addRecord(db, dialect, revision.revision, milliseconds) : removeRecord(db, revision.revision, revision.downRevision)
  const transactional = runsInTransaction(revision, dialect)
  try {
    const batch = transactional && batcher ? await batcher.statements(revision, direction) : null
    const recordSql = batch && recordStatements(revision.revision, revision.downRevision, direction)
    if (batch && recordSql) {
      await runPostgresBatch(knex, [...batch, ...recordSql])
    } else if (transactional) {
      // SQLite: the tables the revision's statements write to, for a foreign key check of those alone.
      const written = new Set<string>()
      const watch = (query: {sql: string}) => tablesWrittenBy(query.sql, written)
      if (dialect === 'sqlite') knex.on('query', watch)
      try {
        await knex.transaction(async (trx) => {
          await body.call(revision, {knex: trx, dialect})
          if (dialect === 'sqlite') await checkForeignKeys(trx, revision, written)
          await record(trx, performance.now() - start)
        })
      } finally {
        knex.off('query', watch)
      }
    } else if (direction === 'downgrade') {
      // Marked first, removed last: a run killed or failing part-way leaves this revision current
      // and marked half reverted, so the next downgrade runs its down again and the next upgrade
      // its up (both safe to repeat). Recorded plainly until the end, a kill would leave it
      // looking applied with its indexes gone, and no later run would notice.
      await markInterrupted(knex, dialect, revision.revision)
      await body.call(revision, {knex, dialect})
      await inTransaction(knex, (trx) => removeRecord(trx, revision.revision, revision.downRevision))
    } else {
      await body.call(revision, {knex, dialect})
      await inTransaction(knex, (trx) => addRecord(trx, dialect, revision.revision, performance.now() - start))
    }
  } catch (error) {
    throw revisionFailure(error, target, step, transactional)
  }

  return {revision: revision.revision, message: revision.message, direction, milliseconds: Math.round(performance.now() - start)}
}

/**
 * The revision's statements and its record row after BEGIN in one query, then COMMIT in a second.
 * COMMIT goes separately on purpose: the server runs a whole query even when its client has died
 * meanwhile, so a COMMIT inside it would commit the work of a killed run after its lock was gone.
 * The server stops at the first failing statement; the transaction is then rolled back.
 */
async function runPostgresBatch(knex: Knex, statements: string[]): Promise<void> {
  try {
    await sendStatements(knex, 'postgresql', ['BEGIN', ...statements])
    await sendStatements(knex, 'postgresql', ['COMMIT'])
  } catch (error) {
    await sendStatements(knex, 'postgresql', ['ROLLBACK']).catch(() => {})
    throw error
  }
}

/** The record's few statements in one transaction (alembic_version and our log move together). */
async function inTransaction(knex: Knex, body: (trx: Knex.Transaction) => Promise<void>): Promise<void> {
  await knex.transaction(body)
}

/**
 * The tables a statement writes to or reshapes (insert, update, delete, replace, create, alter,
 * drop, rename, create index on), added to `into`. Used to limit SQLite's foreign key check to
 * what a revision touched: on a big database a whole-database check costs seconds per revision.
 */
export function tablesWrittenBy(sql: string, into: Set<string>): void {
  // A name, bare or quoted with ", ` or [ ] (\x60 is the backquote, in the regular expression).
  const name = '["\\x60\\[]?(\\w+)["\\x60\\]]?'
  const patterns = [
    new RegExp(String.raw`\b(?:insert|replace)\s+(?:or\s+\w+\s+)?into\s+${name}`, 'gi'),
    new RegExp(String.raw`\bupdate\s+(?:or\s+\w+\s+)?${name}\s+set\b`, 'gi'),
    new RegExp(String.raw`\bdelete\s+from\s+${name}`, 'gi'),
    new RegExp(String.raw`\b(?:create|alter|drop)\s+table\s+(?:if\s+(?:not\s+)?exists\s+)?${name}`, 'gi'),
    new RegExp(String.raw`\brename\s+to\s+${name}`, 'gi'),
    new RegExp(String.raw`\bcreate\s+(?:unique\s+)?index\s+(?:if\s+not\s+exists\s+)?\S+\s+on\s+${name}`, 'gi'),
  ]
  for (const pattern of patterns) for (const match of sql.matchAll(pattern)) into.add(match[1].toLowerCase())
}

/**
 * SQLite runs revisions with foreign keys off; before one commits, the tables it wrote to, and the
 * tables whose foreign keys point at them, must hold no violation.
 */
async function checkForeignKeys(trx: Knex.Transaction, revision: Revision, written: ReadonlySet<string>): Promise<void> {
  if (written.size === 0) return
  const tables = ((await trx.raw("select name from sqlite_master where type = 'table'")) as Array<{name: string}>).map((row) => row.name)
  const checked = new Set<string>()
  for (const table of tables) {
    if (written.has(table.toLowerCase())) {
      checked.add(table)
      continue
    }

    const parents = (await trx.raw(`PRAGMA foreign_key_list("${table.replaceAll('"', '""')}")`)) as Array<{table: string}>
    if (parents.some((parent) => written.has(parent.table.toLowerCase()))) checked.add(table)
  }

  const violations: Array<{table: string; parent: string}> = []
  for (const table of checked) violations.push(...((await trx.raw(`PRAGMA foreign_key_check("${table.replaceAll('"', '""')}")`)) as Array<{table: string; parent: string}>))
  if (violations.length === 0) return
  const pairs = [...new Set(violations.map((v) => `${v.table} → ${v.parent}`))].join(', ')
  throw new MigrationError(`Revision ${revision.revision} left ${violations.length} foreign key violation(s) (${pairs}); it was rolled back.`)
}

function revisionFailure(error: unknown, target: DatabaseTarget, step: LoadedStep, transactional: boolean): PrefectError {
  const connection = translateConnectionError(error, target)
  if (connection) return connection
  if (isPrefectError(error)) return error
  const {revision, direction} = step
  const hint = transactional
    ? 'It was rolled back; the database stays at the revision before it.'
    : 'It ran outside a transaction and is safe to run again: fix the cause, then repeat the command.'
  return new MigrationError(`Revision ${revision.revision} (${revision.message}) failed during ${direction}: ${errorFirstLine(error)}.`, hint)
}
