import assert from 'node:assert/strict'
import os from 'node:os'

import Database from 'better-sqlite3'
import pg from 'pg'

import {ADVISORY_LOCK_KEY} from '../../src/db/lock-postgres.js'
import {type CliResult, runCli} from '../harness/cli.js'
import {forEachDialect} from '../harness/databases.js'
import {type TestDb, freshTestDb, recordedRevisions} from './schema.js'
import {chainIds} from '../support/chains.js'

/**
 * While one upgrade holds the migration lock (kept busy here by a test-held table lock), readers
 * still answer, a second upgrade with a short --lock-timeout fails naming the holder, and one
 * with a long timeout says who holds the lock, waits, then finds nothing left to do.
 */
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

async function blockWrites(db: TestDb): Promise<() => Promise<void>> {
  if (db.dialect === 'sqlite') {
    const handle = new Database(db.file!)
    handle.exec('BEGIN IMMEDIATE')
    return async () => {
      handle.exec('ROLLBACK')
      handle.close()
    }
  }

  const client = new pg.Client({connectionString: (db.knexConfig.connection as string)})
  await client.connect()
  const tables = await client.query<{tablename: string}>(
    "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename NOT IN ('prefect_migrations', 'alembic_version')",
  )
  await client.query('BEGIN')
  for (const {tablename} of tables.rows) await client.query(`LOCK TABLE "${tablename}" IN ACCESS EXCLUSIVE MODE`)
  return async () => {
    await client.query('ROLLBACK')
    await client.end()
  }
}

describe('the migration lock', function () {
  forEachDialect((dialect) => {
    const revisions = chainIds(dialect)
    const first = revisions[0]
    it('lets readers answer and tells waiters who holds it', async () => {
      const db = await freshTestDb(dialect)
      const env = {PREFECT_SERVER_DATABASE_CONNECTION_URL: db.url, PREFECT_SERVER_DATABASE_TIMEOUT: '120'}
      assert.equal((await runCli(['server', 'database', 'upgrade', '-y', '-r', first], {env})).code, 0)
      const release = await blockWrites(db)
      let holder: Promise<CliResult> | undefined
      let patient: Promise<CliResult> | undefined
      try {
        holder = runCli(['server', 'database', 'upgrade', '-y'], {env, timeoutMs: 120_000})
        await sleep(2500)

        const current = await runCli(['server', 'database', 'current'], {env, timeoutMs: 15_000})
        assert.equal(current.code, 0, current.stderr)
        // The holder may have committed a few revisions before it met the table lock.
        assert.match(current.stdout, new RegExp(revisions.join('|')))
        const history = await runCli(['server', 'database', 'history'], {env, timeoutMs: 15_000})
        assert.equal(history.code, 0, history.stderr)
        // check reads without the lock too: the database is behind head while the holder waits.
        const checked = await runCli(['server', 'database', 'check'], {env, timeoutMs: 30_000})
        assert.equal(checked.code, 10, checked.stderr)

        const impatient = await runCli(['server', 'database', 'upgrade', '-y', '--lock-timeout', '2'], {env, timeoutMs: 30_000})
        assert.equal(impatient.code, 6, impatient.stderr)
        assert.match(impatient.stderr, /pid/i)
        assert.match(impatient.stderr, new RegExp(os.hostname()))

        patient = runCli(['server', 'database', 'upgrade', '-y', '--lock-timeout', '90'], {env, timeoutMs: 120_000})
        await sleep(2000)
      } finally {
        await release()
      }

      const held = await holder!
      assert.equal(held.code, 0, held.stderr)
      const waited = await patient!
      assert.equal(waited.code, 0, waited.stderr)
      assert.match(waited.stderr, /pid/i, 'the waiting run said who holds the lock')
      assert.equal((await recordedRevisions(db)).length, revisions.length)
    })

    it('left behind by a killed process, blocks nobody', async () => {
      const db = await freshTestDb(dialect)
      const env = {PREFECT_SERVER_DATABASE_CONNECTION_URL: db.url, PREFECT_SERVER_DATABASE_TIMEOUT: '120'}
      assert.equal((await runCli(['server', 'database', 'upgrade', '-y', '-r', first], {env})).code, 0)
      const release = await blockWrites(db)
      try {
        // The holder waits on the test's table lock while holding the migration lock; SIGKILL it there.
        const victim = await runCli(['server', 'database', 'upgrade', '-y'], {env, timeoutMs: 3000})
        assert.equal(victim.signal, 'SIGKILL')
      } finally {
        await release()
      }

      const started = Date.now()
      const next = await runCli(['server', 'database', 'upgrade', '-y', '--lock-timeout', '1'], {env})
      assert.equal(next.code, 0, next.stderr)
      assert.ok(Date.now() - started < 30_000)
      assert.equal((await recordedRevisions(db)).length, revisions.length)
    })
  })
})

describe('the PostgreSQL lock refused at once', () => {
  it('with --lock-timeout 0 while the migration connection still logs in: one line, exit 6, nothing changed', async () => {
    const db = await freshTestDb('postgresql')
    const env = {PREFECT_SERVER_DATABASE_CONNECTION_URL: db.url}
    const holder = new pg.Client({connectionString: db.knexConfig.connection as string})
    await holder.connect()
    try {
      await holder.query('SELECT pg_advisory_lock($1)', [ADVISORY_LOCK_KEY])
      // The lock's refusal may come before the other connection's login and version check end
      // (how often depends on timing); it must be reported like any other, never crash the run.
      for (let attempt = 0; attempt < 5; attempt++) {
        const refused = await runCli(['server', 'database', 'upgrade', '-y', '--lock-timeout', '0'], {env, timeoutMs: 30_000})
        assert.equal(refused.code, 6, refused.stderr)
        assert.equal(refused.stderr.trim().split('\n').length, 1, refused.stderr)
        assert.doesNotMatch(refused.stderr, /\n\s+at /)
      }
    } finally {
      await holder.end()
    }

    assert.deepEqual(await recordedRevisions(db), [])
  })
})
