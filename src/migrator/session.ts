import type {Knex} from 'knex'

import {openDatabase, type OpenDatabase} from '../db/connect.js'
import {acquireMigrationLock, DEFAULT_LOCK_TIMEOUT_SECONDS} from '../db/migration-lock.js'
import type {DatabaseTarget} from '../db/target.js'
import type {Revision} from '../migrations/types.js'
import {Chain} from './chain.js'
import {defaultRevisions} from './default-revisions.js'
import type {EngineOptions} from './types.js'

export async function loadChain(revisions?: readonly Revision[]): Promise<Chain> {
  return new Chain(revisions ?? (await defaultRevisions()))
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
  const db = await openDatabase(target, {mode: 'migrate', warn: options.warn})
  try {
    const lock = await acquireMigrationLock(target, {
      action,
      timeoutSeconds: options.lockTimeoutSeconds ?? DEFAULT_LOCK_TIMEOUT_SECONDS,
      onWait: options.onWait,
    })
    try {
      return await work(db)
    } finally {
      await lock.release()
    }
  } finally {
    await db.knex.destroy()
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
