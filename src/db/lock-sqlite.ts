import fs from 'node:fs'

import type BetterSqlite3 from 'better-sqlite3'

import {toPrefectError} from './connection-errors.js'
import {describeMigrationLockHolder, type Holder, type MigrationLockOptions, lockTimeoutError, type MigrationLock, ourselves, POLL_MS, sleep} from './lock-common.js'
import {sqliteNativeBinding} from './sqlite-native.js'
import type {SqliteTarget} from './target.js'

export function sqliteLockFiles(target: Pick<SqliteTarget, 'filename'>): {lock: string; note: string} {
  return {lock: `${target.filename}-migrate.lock`, note: `${target.filename}-migrate.lock.json`}
}

/**
 * An exclusive transaction held on a sidecar SQLite file (`<db>-migrate.lock`) for the whole
 * run. SQLite's file lock is released by the OS when the process dies, so a killed run leaves
 * no lock behind; the JSON note next to it only says who holds it (it may be stale, then the
 * lock is free anyway). The sidecar, not the database itself, is locked so that readers and a
 * running server keep working between revisions.
 */
export async function acquireSqliteLock(target: SqliteTarget, options: MigrationLockOptions): Promise<MigrationLock> {
  const files = sqliteLockFiles(target)
  // Loaded here, not at the top: the start-up lane's no-op check (cli/idle-upgrade.ts) bundles
  // this module, and must not load the driver before it knows the database is SQLite.
  const {default: Database} = await import('better-sqlite3')
  let db: BetterSqlite3.Database
  try {
    db = new Database(files.lock, {timeout: 0, ...sqliteNativeBinding()})
  } catch (error) {
    throw toPrefectError(error, {...target, filename: files.lock}, 'Opening the migration lock file')
  }

  const deadline = Date.now() + options.timeoutSeconds * 1000
  let announced = false
  for (;;) {
    try {
      if (options.shared) {
        // A read inside a transaction holds SQLite's SHARED lock on the file until it ends;
        // BEGIN EXCLUSIVE (a migration) cannot be granted while any is held.
        db.exec('BEGIN')
        db.prepare('select count(*) from sqlite_master').get()
      } else db.exec('BEGIN EXCLUSIVE')
      break
    } catch (error) {
      if (db.inTransaction) db.exec('ROLLBACK')
      if (!isBusy(error)) {
        db.close()
        throw toPrefectError(error, {...target, filename: files.lock}, 'Taking the migration lock')
      }
    }

    const holder = describeMigrationLockHolder(readNote(files.note))
    if (Date.now() >= deadline) {
      db.close()
      throw lockTimeoutError(target.displayUrl, holder, options.timeoutSeconds)
    }

    if (!announced) options.onWait?.(`Waiting up to ${options.timeoutSeconds} s for the migration lock on ${target.displayUrl}, held by ${holder} ...`)
    announced = true
    await sleep(Math.min(POLL_MS, Math.max(0, deadline - Date.now())))
  }

  // The note names the exclusive holder; shared holders leave it alone (it may describe nobody).
  if (!options.shared) writeNote(files.note, ourselves(options.action))
  return {
    async release() {
      // Remove the note before letting go, so it never describes the next holder wrongly.
      if (!options.shared) fs.rmSync(files.note, {force: true})
      try {
        db.exec('ROLLBACK')
      } finally {
        db.close()
      }
    },
  }
}

function isBusy(error: unknown): boolean {
  const code = (error as {code?: string}).code ?? ''
  return code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')
}

function readNote(file: string): Partial<Holder> | null {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<Holder>
  } catch {
    return null
  }
}

function writeNote(file: string, holder: Holder): void {
  try {
    fs.writeFileSync(file, `${JSON.stringify(holder)}\n`)
  } catch {
    // The note is only informative; the lock itself is the sidecar's transaction.
  }
}
