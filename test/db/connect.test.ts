import assert from 'node:assert/strict'
import fs from 'node:fs'
import net from 'node:net'
import path from 'node:path'

import Database from 'better-sqlite3'

import {openDatabase} from '../../src/db/connect.js'
import {parseDatabaseUrl} from '../../src/db/url.js'
import {ConnectionError, ExitCode, type PrefectError} from '../../src/errors.js'
import {upgrade} from '../../src/migrator/index.js'
import {adminUrl, freshPostgresDatabase, withDatabase} from '../harness/databases.js'
import {freePort} from '../harness/pg-server.js'
import {TEST_PASSWORD} from '../harness/secrets.js'
import {tempDir} from '../harness/tmp.js'
import {freshTarget, tinyRevisions} from '../migrator/fixtures.js'

const revisions = tinyRevisions()

function oneLineConnectionError(pattern: RegExp): (error: PrefectError) => boolean {
  return (error) => {
    assert.ok(error instanceof ConnectionError, `expected a ConnectionError, got ${error.name}: ${error.message}`)
    assert.equal(error.exitCode, ExitCode.CONNECTION)
    assert.doesNotMatch(error.line, /\n/)
    assert.ok(!error.line.includes(TEST_PASSWORD), error.line)
    assert.match(error.line, pattern)
    return true
  }
}

function pgTarget(url: string, connectionTimeoutSeconds = 5) {
  const target = parseDatabaseUrl(url.replace(/^postgresql:/, 'postgresql+asyncpg:'))
  target.options.connectionTimeoutSeconds = connectionTimeoutSeconds
  return target
}

describe('connecting', () => {
  describe('to PostgreSQL', () => {
    it('reports a closed port in one line with the masked URL', async () => {
      const port = await freePort()
      const target = pgTarget(`postgresql://prefect_test:${TEST_PASSWORD}@127.0.0.1:${port}/prefect`)
      await assert.rejects(upgrade(target, {revisions}), oneLineConnectionError(/refused.*127\.0\.0\.1:\d+/))
      await assert.rejects(upgrade(target, {revisions}), (error: PrefectError) => error.line.includes('prefect_test:***@127.0.0.1'))
    })

    it('dry-run on an unreachable server warns and shows the SQL for an empty database', async () => {
      const warnings: string[] = []
      const target = pgTarget(`postgresql://prefect_test:${TEST_PASSWORD}@127.0.0.1:${await freePort()}/prefect`)
      const result = await upgrade(target, {revisions, dryRun: true, warn: (message) => warnings.push(message)})
      assert.equal(result.applied.length, 3)
      assert.match(result.sql!.join('\n'), /create table "t_parent"/)
      assert.equal(warnings.length, 1)
      assert.match(warnings[0], /refused.*empty database/)
    })

    it('reports a wrong password', async () => {
      const url = new URL(adminUrl())
      url.password = 'not-the-password'
      await assert.rejects(upgrade(pgTarget(url.toString()), {revisions}), oneLineConnectionError(/authentication failed for user 'prefect_test'/))
    })

    it('reports a missing database and how to create it', async () => {
      await assert.rejects(upgrade(pgTarget(withDatabase(adminUrl(), 'no_such_db_here')), {revisions}), oneLineConnectionError(/"no_such_db_here" does not exist.*createdb/))
    })

    it('gives up within the connection timeout on a server that never answers', async () => {
      const sockets: net.Socket[] = []
      const server = net.createServer((socket) => sockets.push(socket))
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
      const {port} = server.address() as net.AddressInfo
      const started = Date.now()
      try {
        await assert.rejects(upgrade(pgTarget(`postgresql://u:${TEST_PASSWORD}@127.0.0.1:${port}/db`, 1), {revisions}), oneLineConnectionError(/no answer.*within 1 s/))
        assert.ok(Date.now() - started < 4000, `took ${Date.now() - started} ms`)
      } finally {
        for (const socket of sockets) socket.destroy()
        server.close()
      }
    })

    it('reports an unknown host', async () => {
      await assert.rejects(upgrade(pgTarget('postgresql://u@no-such-host.invalid:5432/db'), {revisions}), oneLineConnectionError(/host 'no-such-host.invalid' was not found/))
    })

    it('connects with the migration statement timeout and checks the server version', async () => {
      const {asyncpgUrl} = await freshPostgresDatabase()
      const target = parseDatabaseUrl(asyncpgUrl)
      target.options.migrationTimeoutSeconds = 42
      const db = await openDatabase(target, {mode: 'migrate'})
      try {
        const {rows} = (await db.knex.raw('show statement_timeout')) as {rows: Array<{statement_timeout: string}>}
        assert.equal(rows[0].statement_timeout, '42s')
        assert.match(db.version, /^\d+/)
      } finally {
        await db.knex.destroy()
      }
    })
  })

  describe('to SQLite', () => {
    it('sets Prefect\'s pragmas', async () => {
      const {target} = await freshTarget('sqlite')
      const db = await openDatabase(target, {mode: 'migrate'})
      try {
        const pragma = async (name: string) => Object.values(((await db.knex.raw(`PRAGMA ${name}`)) as Array<Record<string, unknown>>)[0])[0]
        assert.equal(await pragma('journal_mode'), 'wal')
        assert.equal(await pragma('foreign_keys'), 1)
        assert.equal(await pragma('synchronous'), 1)
        assert.equal(await pragma('legacy_alter_table'), 0)
      } finally {
        await db.knex.destroy()
      }
    })

    it('reports a directory it cannot create', async () => {
      const blocker = path.join(tempDir('blocked-'), 'a-file')
      fs.writeFileSync(blocker, 'x')
      const target = parseDatabaseUrl(`sqlite+aiosqlite:///${blocker}/sub/prefect.db`)
      await assert.rejects(upgrade(target, {revisions}), oneLineConnectionError(/Cannot create the directory/))
    })

    it('reports a file that is not a SQLite database', async () => {
      const file = path.join(tempDir('notadb-'), 'prefect.db')
      fs.writeFileSync(file, 'this is not a database, just some text that is long enough '.repeat(20))
      await assert.rejects(upgrade(parseDatabaseUrl(`sqlite+aiosqlite:///${file}`), {revisions}), oneLineConnectionError(/is not a SQLite database/))
    })

    it('reports a database busy with another writer after the busy timeout', async () => {
      const {target, file} = await freshTarget('sqlite')
      await upgrade(target, {revisions: revisions.slice(0, 1)})
      target.options.timeoutSeconds = 0.5
      const other = new Database(file!)
      other.exec('BEGIN IMMEDIATE')
      try {
        await assert.rejects(upgrade(target, {revisions}), oneLineConnectionError(/locked by another process/))
      } finally {
        other.exec('ROLLBACK')
        other.close()
      }
    })

    // A read-only file is covered through the CLI by test/reliability/hostile-corpus.json
    // ("read-only SQLite file"), which runs as an unprivileged user when the tests run as root.
  })
})
