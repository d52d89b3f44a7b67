import type {Knex} from 'knex'

import {openDatabase, type OpenDatabase} from '../db/connect.js'
import {toPrefectError} from '../db/connection-errors.js'
import {acquireMigrationLock, DEFAULT_LOCK_TIMEOUT_SECONDS, type MigrationLock} from '../db/migration-lock.js'
import type {DatabaseTarget} from '../db/target.js'
import {isPrefectError} from '../errors.js'
import type {Dialect} from '../db/target.js'
import {Chain, type ChainEntry, defaultRevisions} from './chain.js'
import type {EngineOptions} from './types.js'

/** The chain a run uses: the one passed through the API, or Prefect's chain of the dialect. */
export async function loadChain(dialect: Dialect, revisions?: readonly ChainEntry[]): Promise<Chain> {
  return revisions ? new Chain(revisions) : new Chain(await defaultRevisions(dialect), dialect)
}

/**
 * A writing run: open the database (creating a SQLite file if needed), take the migration
 * lock, then call `work` — which reads the current revision itself, after the lock, because
 * another run may just have done the work. Lock and connections are always released.
 */
export async function withMigrationSession<T>(
  target: DatabaseTarget,
  action: string,
  options: EngineOptions,
  work: (db: OpenDatabase) => Promise<T>,
): Promise<T> {
  const {db, lock} = await openAndLock(target, action, options)
  try {
    let outcome: T
    try {
      outcome = await work(db)
    } catch (error) {
      // The lock dies with its session anyway; a failure to release it (the server went away)
      // must not hide the error that stopped the run.
      await lock.release().catch(() => {})
      throw error
    }

    await lock.release()
    return outcome
  } catch (error) {
    throw isPrefectError(error) ? error : toPrefectError(error, target, `The ${action}`)
  } finally {
    await db.knex.destroy().catch(() => {})
  }
}

/**
 * Open the database, then hold the lock. SQLite: the lock is taken once the open has created the
 * file and its directory. PostgreSQL: the lock's own session logs in at the same time as the
 * migration's connection; a failed open stops that attempt and is the error reported. Whatever
 * fails, what was opened is closed.
 */
async function openAndLock(target: DatabaseTarget, action: string, options: EngineOptions): Promise<{db: OpenDatabase; lock: MigrationLock}> {
  const stop = new AbortController()
  const lockOptions = {action, timeoutSeconds: options.lockTimeoutSeconds ?? DEFAULT_LOCK_TIMEOUT_SECONDS, onWait: options.onWait, signal: stop.signal}
  const early = target.dialect === 'postgresql' ? acquireMigrationLock(target, lockOptions) : undefined
  // Handled below, once the open is done; until then a failed lock must not count as unhandled.
  early?.catch(() => {})
  let db: OpenDatabase
  try {
    db = await openDatabase(target, {mode: 'migrate', warn: options.warn, onQuery: options.onQuery})
  } catch (error) {
    stop.abort(error)
    await early?.then((lock) => lock.release(), () => {}).catch(() => {})
    throw error
  }

  try {
    return {db, lock: await (early ?? acquireMigrationLock(target, lockOptions))}
  } catch (error) {
    await db.knex.destroy().catch(() => {})
    throw isPrefectError(error) ? error : toPrefectError(error, target, `The ${action}`)
  }
}

/** Run `body` in one transaction (BEGIN IMMEDIATE on SQLite), foreign keys off on SQLite. */
export async function inTransaction<T>(knex: Knex, target: DatabaseTarget, body: (trx: Knex.Transaction) => Promise<T>): Promise<T> {
  if (target.dialect === 'sqlite') await knex.raw('PRAGMA foreign_keys = OFF')
  try {
    return await knex.transaction(body)
  } finally {
    if (target.dialect === 'sqlite') await knex.raw('PRAGMA foreign_keys = ON')
  }
}
