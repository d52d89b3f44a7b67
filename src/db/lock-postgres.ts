import type pg from 'pg'

import {toPrefectError} from './connection-errors.js'
import {describeMigrationLockHolder, type MigrationLockOptions, lockTimeoutError, type MigrationLock, ourselves, POLL_MS, sleep, whenAborted} from './lock-common.js'
import {postgresClientConfig} from './postgres-config.js'
import type {PostgresTarget} from './target.js'

/** A fixed advisory lock key ('Pref' in ASCII), per database: classid 0, objid this value. */
export const ADVISORY_LOCK_KEY = 0x50_72_65_66

/** Who holds the key; `exclusiveOnly`: only a holder in exclusive mode (what a shared attempt waits for). */
const holderQuery = (exclusiveOnly: boolean) => `
  select a.application_name, a.pid, a.client_addr::text as client_addr, a.backend_start
  from pg_catalog.pg_locks l join pg_catalog.pg_stat_activity a on a.pid = l.pid
  where l.locktype = 'advisory' and l.granted and l.classid = 0 and l.objid = $1${exclusiveOnly ? " and l.mode = 'ExclusiveLock'" : ''}
    and l.database = (select oid from pg_catalog.pg_database where datname = current_database())
  limit 1`

/**
 * A session advisory lock on a dedicated connection that lives for the whole run (shared mode:
 * pg_try_advisory_lock_shared on the same key). Its
 * application_name carries host and pid so that a waiter can name the holder from
 * pg_locks ⨝ pg_stat_activity. Behind a transaction-pooling PgBouncer session locks do not
 * hold: migrate through a direct connection or a session-mode pool.
 */
export async function acquirePostgresLock(target: PostgresTarget, options: MigrationLockOptions): Promise<MigrationLock> {
  const me = ourselves(options.action)
  const mode = options.shared ? '_shared' : ''
  const config = postgresClientConfig(target, {
    statementTimeoutSeconds: null,
    applicationName: `prefect-dbadmin ${me.action} host=${me.host} pid=${me.pid}`,
  })
  // The lock's session sits idle for the whole run: keep it alive through NAT and firewalls.
  // (A server-wide idle_session_timeout, PostgreSQL 14+, would still end it: see the README.)
  config.keepAlive = true
  // Loaded here, not at the top: a bundle would otherwise load pg for SQLite runs too.
  const {default: driver} = await import('pg')
  const client = new driver.Client(config)
  client.on('error', () => {})
  try {
    // An abort also stops a login still under way (ending a pg client mid-connect can leave its
    // connect() unsettled, so the abort is raced rather than sent to the client).
    await Promise.race([client.connect(), ...(options.signal ? [whenAborted(options.signal)] : [])])
    const deadline = Date.now() + options.timeoutSeconds * 1000
    let announced = false
    for (;;) {
      options.signal?.throwIfAborted()
      const {rows} = await client.query<{locked: boolean}>(`select pg_try_advisory_lock${mode}($1) as locked`, [ADVISORY_LOCK_KEY])
      if (rows[0].locked) break
      const holder = await currentHolder(client, options.shared === true)
      if (Date.now() >= deadline) throw lockTimeoutError(target.displayUrl, holder, options.timeoutSeconds)
      options.signal?.throwIfAborted()
      if (!announced) options.onWait?.(`Waiting up to ${options.timeoutSeconds} s for the migration lock on ${target.displayUrl}, held by ${holder} ...`)
      announced = true
      await sleep(Math.min(POLL_MS, Math.max(0, deadline - Date.now())), options.signal)
    }
  } catch (error) {
    await client.end().catch(() => {})
    throw toPrefectError(error, target, 'Taking the migration lock')
  }

  return {
    async release() {
      try {
        await client.query(`select pg_advisory_unlock${mode}($1)`, [ADVISORY_LOCK_KEY])
      } finally {
        await client.end().catch(() => {})
      }
    },
  }
}

async function currentHolder(client: pg.Client, exclusiveOnly: boolean): Promise<string> {
  const {rows} = await client.query<{application_name: string; pid: number; client_addr: string | null; backend_start: Date}>(holderQuery(exclusiveOnly), [ADVISORY_LOCK_KEY])
  if (rows.length === 0) return describeMigrationLockHolder(null)
  const row = rows[0]
  const match = /^prefect-dbadmin (\S+) host=(\S+) pid=(\d+)$/.exec(row.application_name)
  const since = row.backend_start.toISOString()
  if (match) return describeMigrationLockHolder({action: match[1], host: match[2], pid: Number(match[3]), since})
  return `session pid ${row.pid} ('${row.application_name}'${row.client_addr ? ` from ${row.client_addr}` : ''}) since ${since}`
}
