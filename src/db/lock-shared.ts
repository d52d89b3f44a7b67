import fs from 'node:fs'

import type {PostgresTarget, DatabaseTarget, SqliteTarget} from './target.js'
import {toPrefectError} from './connection-errors.js'
import {describeMigrationLockHolder, type Holder, lockTimeoutError, type MigrationLock, type MigrationLockOptions, ourselves, POLL_MS, sleep} from './lock-common.js'

/**
 * The migration lock in shared mode, for work that must not overlap a migration but may overlap
 * itself (vacuum): PostgreSQL's shared advisory lock on the migration key, SQLite's shared lock
 * (a read transaction) on the migration sidecar file. A migration, which takes the lock
 * exclusively, waits for every shared holder, and a shared holder waits for a migration. Like the
 * exclusive lock it dies with the process.
 */
export async function acquireSharedMigrationLock(target: DatabaseTarget, options: MigrationLockOptions): Promise<MigrationLock> {
  if (target.dialect === 'sqlite') return target.memory ? {release: async () => {}} : sharedSqliteLock(target, options)
  return sharedPostgresLock(target, options)
}

async function waitLoop(target: DatabaseTarget, options: MigrationLockOptions, attempt: () => Promise<boolean>, holder: () => Promise<string>): Promise<void> {
  const deadline = Date.now() + options.timeoutSeconds * 1000
  let announced = false
  for (;;) {
    if (await attempt()) return
    const who = await holder()
    if (Date.now() >= deadline) throw lockTimeoutError(target.displayUrl, who, options.timeoutSeconds)
    if (!announced) options.onWait?.(`Waiting up to ${options.timeoutSeconds} s for the migration lock on ${target.displayUrl}, held by ${who} ...`)
    announced = true
    await sleep(Math.min(POLL_MS, Math.max(0, deadline - Date.now())), options.signal)
  }
}

async function sharedSqliteLock(target: SqliteTarget, options: MigrationLockOptions): Promise<MigrationLock> {
  // Each dialect's driver loads only when that dialect is in use.
  const {sqliteLockFiles} = await import('./lock-sqlite.js')
  const files = sqliteLockFiles(target)
  const {default: Database} = await import('better-sqlite3')
  let db: InstanceType<typeof Database>
  try {
    db = new Database(files.lock, {timeout: 0})
  } catch (error) {
    throw toPrefectError(error, {...target, filename: files.lock}, 'Opening the migration lock file')
  }

  try {
    await waitLoop(
      target,
      options,
      async () => {
        try {
          // A read inside a transaction holds SQLite's SHARED lock on the file until it ends;
          // BEGIN EXCLUSIVE (a migration) cannot be granted while any is held.
          db.exec('BEGIN')
          db.prepare('select count(*) from sqlite_master').get()
          return true
        } catch (error) {
          if (db.inTransaction) db.exec('ROLLBACK')
          const code = (error as {code?: string}).code ?? ''
          if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return false
          throw error
        }
      },
      async () => describeMigrationLockHolder(readNote(files.note)),
    )
  } catch (error) {
    db.close()
    throw toPrefectError(error, {...target, filename: files.lock}, 'Taking the migration lock')
  }

  return {
    async release() {
      try {
        if (db.inTransaction) db.exec('ROLLBACK')
      } finally {
        db.close()
      }
    },
  }
}

function readNote(file: string): Partial<Holder> | null {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<Holder>
  } catch {
    return null
  }
}

const EXCLUSIVE_HOLDER = `
  select a.application_name, a.pid from pg_catalog.pg_locks l join pg_catalog.pg_stat_activity a on a.pid = l.pid
  where l.locktype = 'advisory' and l.granted and l.mode = 'ExclusiveLock' and l.classid = 0 and l.objid = $1
    and l.database = (select oid from pg_catalog.pg_database where datname = current_database())
  limit 1`

async function sharedPostgresLock(target: PostgresTarget, options: MigrationLockOptions): Promise<MigrationLock> {
  const me = ourselves(options.action)
  const {postgresClientConfig} = await import('./postgres-config.js')
  const {ADVISORY_LOCK_KEY} = await import('./lock-postgres.js')
  const config = postgresClientConfig(target, {statementTimeoutSeconds: null, applicationName: `prefect-dbadmin ${me.action} host=${me.host} pid=${me.pid}`})
  config.keepAlive = true
  const {default: driver} = await import('pg')
  const client = new driver.Client(config)
  client.on('error', () => {})
  try {
    await client.connect()
    await waitLoop(
      target,
      options,
      async () => (await client.query<{locked: boolean}>('select pg_try_advisory_lock_shared($1) as locked', [ADVISORY_LOCK_KEY])).rows[0].locked,
      async () => {
        const {rows} = await client.query<{application_name: string; pid: number}>(EXCLUSIVE_HOLDER, [ADVISORY_LOCK_KEY])
        if (rows.length === 0) return describeMigrationLockHolder(null)
        const match = /^prefect-dbadmin (\S+) host=(\S+) pid=(\d+)$/.exec(rows[0].application_name)
        return match ? describeMigrationLockHolder({action: match[1], host: match[2], pid: Number(match[3])}) : `session pid ${rows[0].pid} ('${rows[0].application_name}')`
      },
    )
  } catch (error) {
    await client.end().catch(() => {})
    throw toPrefectError(error, target, 'Taking the migration lock')
  }

  return {
    async release() {
      try {
        await client.query('select pg_advisory_unlock_shared($1)', [ADVISORY_LOCK_KEY])
      } finally {
        await client.end().catch(() => {})
      }
    },
  }
}
