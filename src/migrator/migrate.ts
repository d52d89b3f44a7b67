import type {Knex} from 'knex'

import {assertSqliteWritable, openDatabase, sqliteFileExists} from '../db/connect.js'
import {toPrefectError} from '../db/connection-errors.js'
import {dropPrefectObjects, listTables, tablesByOwner, type TablesByOwner} from '../db/drop-all.js'
import {acquireMigrationLock, DEFAULT_LOCK_TIMEOUT_SECONDS} from '../db/migration-lock.js'
import {checkPgTrgm} from '../db/pg-trgm.js'
import {openRawConnection, unlessPostgres} from '../db/raw-connection.js'
import type {DatabaseTarget} from '../db/target.js'
import {isPrefectError} from '../errors.js'
import type {Chain, ChainEntry} from './chain.js'
import {planDowngrade, planUpgrade, type Plan} from './plan.js'
import {assertMigratable, dropRecordTable, ensureRecordTable, planningPosition, readState, readStateRaw, rewriteRecord} from './record.js'
import {result} from './result.js'
import {readOnlyState} from './inspect.js'
import {loadRevision, runSteps} from './run-steps.js'
import {inTransaction, loadChain, withMigrationSession} from './session.js'
import type {MigrateOptions, MigrationResult, ResetOptions} from './types.js'

/** Upgrade to `head` (default), a revision, or `+N`. Nothing to do is success. */
export async function upgrade(target: DatabaseTarget, options: MigrateOptions = {}): Promise<MigrationResult> {
  return migrate(target, 'upgrade', options)
}

/** Downgrade by `-1` (default), `-N`, to a revision, or to `base` (which also drops our record table). */
export async function downgrade(target: DatabaseTarget, options: MigrateOptions = {}): Promise<MigrationResult> {
  return migrate(target, 'downgrade', options)
}

async function migrate(target: DatabaseTarget, action: 'upgrade' | 'downgrade', options: MigrateOptions): Promise<MigrationResult> {
  const chain = await loadChain(target.dialect, options.revisions)
  const given = options.revision ?? (action === 'upgrade' ? 'head' : '-1')
  let argument = given
  if (!/^[+-]\d+$/.test(given.trim())) {
    // Resolved once, up front: a bad argument fails before anything is opened, and a release or
    // the other dialect's id becomes this chain's revision.
    const {position, note} = chain.resolveArgument(given)
    if (note) options.onNote?.(note)
    argument = chain.idAt(position) ?? 'base'
  }

  const planFor = (position: number): Plan => (action === 'upgrade' ? planUpgrade(chain, position, argument) : planDowngrade(chain, position, argument))
  if (options.dryRun) {
    const {dryRun} = await import('./dry-run.js')
    return dryRun(target, chain, action, planFor, options)
  }
  // An upgrade with nothing to do is answered without knex (nothingToUpgrade): on SQLite before the
  // baseline's emptiness check (a missing file, the fresh install, costs it nothing), on
  // PostgreSQL after it (a fresh database is then not asked twice).
  const idleCheck = action === 'upgrade' && !options.onQuery
  if (idleCheck && target.dialect === 'sqlite') {
    const idle = await nothingToUpgrade(target, chain, planFor, options)
    if (idle) return idle
  }

  if (action === 'upgrade' && wantsBaseline(chain, argument, options)) {
    // Loaded only here: the baseline's module, and its schema's, stay off every other run.
    const {upgradeByBaseline} = await import('./baseline.js')
    const done = await upgradeByBaseline(target, chain, options)
    if (done) return done
  }

  if (idleCheck && target.dialect === 'postgresql') {
    const idle = await nothingToUpgrade(target, chain, planFor, options)
    if (idle) return idle
  }

  if (target.dialect === 'sqlite' && !sqliteFileExists(target)) {
    // Plan before creating the file, so a bad argument or a downgrade of nothing creates nothing.
    const plan = planFor(-1)
    if (action === 'downgrade') return result(action, target, chain, -1, plan.to, [])
  } else if (target.dialect === 'sqlite') {
    // Refuse a foreign database or an impossible plan before touching anything (lock file,
    // WAL switch); the state is read again under the lock. PostgreSQL needs no such pass: its
    // lock leaves nothing behind, and the checks under the lock come before any change.
    assertSqliteWritable(target)
    const state = await readOnlyState(target, chain, {onQuery: options.onQuery})
    if (state) planFor(planningPosition(assertMigratable(state, target.displayUrl), action))
  }

  return withMigrationSession(target, action, options, async ({knex}) => {
    const state = await wrap(target, 'Reading the migration record', () => readState(knex, target.dialect, chain, target.displayUrl))
    assertMigratable(state, target.displayUrl)
    const plan = planFor(planningPosition(state, action))
    await preflight(knex, target, plan.steps.filter((s) => s.direction === 'upgrade').map((s) => s.revision))
    if (plan.steps.length > 0) await ensureRecordTable(knex)
    const applied = await runSteps(knex, target, plan.steps, {...options, batch: true})
    if (plan.to === -1 && plan.steps.length > 0) await dropRecordTable(knex)
    return result(action, target, chain, plan.from, plan.to, applied)
  })
}

/**
 * An upgrade with nothing to do — what a deployment runs at every start — answered through the
 * driver, without loading knex: the database opened as the session opens it, the record read with
 * the same statements, and read again under the migration lock before answering. Anything else (steps to run, a database that cannot
 * be opened, is not migratable or fails a read) returns null and takes the usual path, which
 * reports it as it always has; warnings are told only when this answers. Not with
 * PREFECT_SERVER_DATABASE_ECHO (onQuery), whose lines are knex's.
 */
async function nothingToUpgrade(target: DatabaseTarget, chain: Chain, planFor: (position: number) => Plan, options: MigrateOptions): Promise<MigrationResult | null> {
  if (target.dialect === 'sqlite') {
    if (target.memory || !sqliteFileExists(target)) return null
    try {
      assertSqliteWritable(target)
    } catch {
      return null
    }
  }

  const warnings: string[] = []
  // Read-only on SQLite: a database this run must refuse (not Prefect's, the earlier chain) is
  // refused by the usual path with its file untouched (a writing open would switch it to WAL).
  const db = await openRawConnection(target, {mode: target.dialect === 'sqlite' ? 'read' : 'migrate', warn: (message) => warnings.push(message)}).catch(unlessPostgres(target))
  if (!db) return null
  // The plan when there is nothing to do, else null.
  const idle = async (): Promise<Plan | null> => {
    const state = await readStateRaw(db, target.dialect, chain, target.displayUrl).catch(() => null)
    if (!state || (!state.hasRecord && state.otherTables.length > 0)) return null
    try {
      const plan = planFor(planningPosition(state, 'upgrade'))
      return plan.steps.length === 0 ? plan : null
    } catch {
      return null
    }
  }

  try {
    // Read first without the lock: a run with work to do leaves here without touching the lock, so
    // racing upgrades queue for it once, in their sessions, as before.
    if (!(await idle())) return null
    let lock
    try {
      lock = await acquireMigrationLock(target, {action: 'upgrade', timeoutSeconds: options.lockTimeoutSeconds ?? DEFAULT_LOCK_TIMEOUT_SECONDS, onWait: options.onWait})
    } catch (error) {
      throw isPrefectError(error) ? error : toPrefectError(error, target, 'The upgrade')
    }

    try {
      // Again under the lock, as the session reads it: a run that held the lock may have changed it.
      const plan = await idle()
      if (!plan) return null
      for (const message of warnings) options.warn?.(message)
      return result('upgrade', target, chain, plan.from, plan.to, [])
    } finally {
      await lock.release()
    }
  } finally {
    await db.close().catch(() => {})
  }
}

/**
 * Drop what belongs to Prefect's chains and our log, keep every other table, then upgrade to
 * head, under the migration lock. pg_trgm is checked before anything is dropped. With a chain of
 * your own (options.revisions), options.ownedTables names the tables it may drop.
 */
export async function reset(target: DatabaseTarget, options: ResetOptions = {}): Promise<MigrationResult> {
  const chain = await loadChain(target.dialect, options.revisions)
  return withMigrationSession(target, 'reset', options, async ({knex}) => {
    await preflight(knex, target, chain.revisions)
    options.onPhase?.('drop')
    const {prefect, other} = await wrap(target, 'Dropping the tables', () =>
      inTransaction(knex, target, (trx) => dropPrefectObjects(trx, target.dialect, options.ownedTables)),
    )
    options.onPhase?.('upgrade')
    if (options.baseline !== false && !options.revisions) {
      const {applyBaseline, knexConnection, loadBaseline} = await import('./baseline.js')
      const baseline = await loadBaseline(target.dialect)
      if (baseline.revision === chain.head?.revision) {
        const applied = await wrap(target, 'Applying the baseline', () => applyBaseline(knexConnection(knex, target.dialect), target, baseline))
        return {...result('reset', target, chain, -1, chain.headIndex, []), baseline: applied, droppedTables: prefect, keptTables: other}
      }
    }

    await ensureRecordTable(knex)
    const plan = planUpgrade(chain, -1, 'head')
    const applied = await runSteps(knex, target, plan.steps, {...options, batch: true})
    return {...result('reset', target, chain, -1, plan.to, applied), droppedTables: prefect, keptTables: other}
  })
}

/**
 * What reset would drop and keep, read without the lock and without creating anything (a SQLite
 * file that does not exist has nothing). For the prompt.
 */
export async function resetPreview(target: DatabaseTarget, options: Pick<ResetOptions, 'ownedTables' | 'warn' | 'onQuery'> = {}): Promise<TablesByOwner> {
  if (target.dialect === 'sqlite' && !sqliteFileExists(target)) return {prefect: [], other: []}
  const db = await openDatabase(target, {mode: 'read', warn: options.warn, onQuery: options.onQuery})
  try {
    return tablesByOwner(await listTables(db.knex, target.dialect), options.ownedTables)
  } catch (error) {
    throw toPrefectError(error, target, 'Reading the tables')
  } finally {
    await db.knex.destroy()
  }
}

/** Rewrite only the record so the database counts as being at `revision` (head, base, id). */
export async function stamp(target: DatabaseTarget, revision: string, options: MigrateOptions = {}): Promise<MigrationResult> {
  const chain = await loadChain(target.dialect, options.revisions)
  const {position, note} = chain.resolveArgument(revision)
  if (note) options.onNote?.(note)
  return withMigrationSession(target, 'stamp', options, async ({knex}) => {
    const from = await readState(knex, target.dialect, chain, target.displayUrl).then(
      (state) => state.position,
      () => null,
    )
    await wrap(target, 'Stamping', async () => {
      await ensureRecordTable(knex)
      await inTransaction(knex, target, (trx) => rewriteRecord(trx, chain, position))
    })
    return result('stamp', target, chain, from ?? -1, position, [])
  })
}

/**
 * An upgrade may use the baseline when asked for head (or an id, release or prefix that is head)
 * on Prefect's own chain; `+N`, lower targets, --dry-run (handled before) and --no-baseline use
 * the chain. Whether the database is empty is decided by upgradeByBaseline, under the lock.
 */
function wantsBaseline(chain: Chain, argument: string, options: MigrateOptions): boolean {
  return options.baseline !== false && !options.revisions && chain.dialect !== undefined && chain.headIndex >= 0 && chain.positionOf(argument) === chain.headIndex
}

async function preflight(knex: Knex, target: DatabaseTarget, upgrading: readonly ChainEntry[]): Promise<void> {
  if (target.dialect !== 'postgresql') return
  for (const entry of upgrading) {
    const revision = await loadRevision(entry)
    if (revision.requires?.includes('pg_trgm')) {
      await wrap(target, 'Checking pg_trgm', () => checkPgTrgm(knex, target, revision.revision))
      return
    }
  }
}

async function wrap<T>(target: DatabaseTarget, what: string, body: () => Promise<T>): Promise<T> {
  try {
    return await body()
  } catch (error) {
    throw toPrefectError(error, target, what)
  }
}
