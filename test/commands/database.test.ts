import assert from 'node:assert/strict'
import fs from 'node:fs'

import {runCli} from '../harness/cli.js'
import {adminUrl, forEachDialect, withDatabase} from '../harness/databases.js'
import {freePort} from '../harness/pg-server.js'
import {TEST_PASSWORD} from '../harness/secrets.js'
import {alembicVersion, freshTarget, recorded, tables, type TestDatabase} from '../migrator/fixtures.js'
import {chainIds} from '../support/chains.js'

/** `prefect server database …` through the built CLI, checked through a second connection. */

function cli(db: TestDatabase, args: string[], options: {input?: string} = {}) {
  return runCli(['server', 'database', ...args], {env: {PREFECT_SERVER_DATABASE_CONNECTION_URL: db.url}, ...options})
}

function oneLine(stderr: string): string {
  const lines = stderr.split('\n').filter((line) => line.trim() !== '')
  assert.equal(lines.length, 1, stderr)
  assert.doesNotMatch(stderr, /^\s+at /m)
  return lines[0]
}

describe('prefect server database', () => {
  forEachDialect((dialect) => {
    const chain = chainIds(dialect)
    const head = chain.at(-1)!
    it('upgrade -y, downgrade -y -r -1, downgrade -y -r <id>, downgrade -y -r base', async () => {
      const db = await freshTarget(dialect)
      const up = await cli(db, ['upgrade', '-y'])
      assert.equal(up.code, 0, up.stderr)
      assert.match(up.stdout, /^Running upgrade migrations \.\.\.$/m)
      assert.match(up.stdout, new RegExp(`^Applied ${chain[0]} .+ \\(\\d+ ms\\)$`, 'm'))
      assert.match(up.stdout, /^Migrations succeeded!$/m)
      assert.match(up.stdout, new RegExp(`^Prefect database at ${db.target.displayUrl.replace(/[+*.?]/g, '\\$&')} upgraded!$`, 'm'))
      assert.deepEqual(await recorded(db), [...chain].sort())

      const one = await cli(db, ['downgrade', '-y', '-r', '-1'])
      assert.equal(one.code, 0, one.stderr)
      assert.match(one.stdout, /^Running downgrade migrations \.\.\.$/m)
      assert.match(one.stdout, new RegExp(`^Reverted ${head} `, 'm'))
      assert.match(one.stdout, /downgraded!$/m)
      assert.deepEqual(await recorded(db), chain.slice(0, -1).sort())

      const toId = await cli(db, ['downgrade', '-y', '-r', chain[1]])
      assert.equal(toId.code, 0, toId.stderr)
      assert.deepEqual(await recorded(db), chain.slice(0, 2).sort())

      const base = await cli(db, ['downgrade', '-y', '-r', 'base'])
      assert.equal(base.code, 0, base.stderr)
      // What alembic leaves at base: its version table, empty.
      assert.deepEqual(await tables(db), ['alembic_version'])
      assert.equal(await alembicVersion(db), null)
    })

    it("reset -y drops Prefect's tables and rows, keeps another application's table with its rows, and names it", async () => {
      const db = await freshTarget(dialect)
      assert.equal((await cli(db, ['upgrade', '-y', '-r', chain[20]])).code, 0)
      const {query} = await import('../migrator/fixtures.js')
      await query(db, "INSERT INTO flow (id, name) VALUES ('6a1c0a2e-0000-4000-8000-000000000001', 'etl')")
      await query(db, 'CREATE TABLE customers (id integer primary key, name varchar(40))')
      await query(db, "INSERT INTO customers VALUES (1, 'ada'), (2, 'grace')")
      const reset = await cli(db, ['reset', '-y'])
      assert.equal(reset.code, 0, reset.stderr)
      assert.match(reset.stdout, /^Downgrading database\.\.\.\nUpgrading database\.\.\.$/m)
      assert.match(reset.stdout, /^Kept 1 table that is not Prefect's: customers\.$/m)
      assert.match(reset.stdout, /^Prefect database ".+" reset!$/m)
      assert.deepEqual(await query(db, 'SELECT id, name FROM customers ORDER BY id'), [{id: 1, name: 'ada'}, {id: 2, name: 'grace'}])
      assert.deepEqual(await query(db, 'SELECT * FROM flow'), [])
      assert.ok((await tables(db)).includes('customers'))
      assert.deepEqual(await recorded(db), [...chain].sort())
      assert.equal(await alembicVersion(db), head)
    })

    if (dialect === 'postgresql') {
      it("reset refuses, changing nothing, when another application's table has a foreign key into a Prefect table", async () => {
        const db = await freshTarget(dialect)
        assert.equal((await cli(db, ['upgrade', '-y', '-r', chain[20]])).code, 0)
        const {query} = await import('../migrator/fixtures.js')
        await query(db, "INSERT INTO flow (id, name) VALUES ('6a1c0a2e-0000-4000-8000-000000000001', 'etl')")
        await query(db, "CREATE TABLE customers (id integer primary key, flow_id uuid REFERENCES flow (id))")
        await query(db, "INSERT INTO customers VALUES (1, '6a1c0a2e-0000-4000-8000-000000000001')")
        const reset = await cli(db, ['reset', '-y'])
        assert.equal(reset.code, 5, reset.stderr)
        assert.match(oneLine(reset.stderr), /Reset dropped nothing: .*customers.*depends on table flow/)
        assert.deepEqual(await query(db, 'SELECT name FROM flow'), [{name: 'etl'}])
        assert.deepEqual(await query(db, 'SELECT id FROM customers'), [{id: 1}])
        assert.equal(await alembicVersion(db), chain[20])
      })
    }

    it('stamp <revision> rewrites only the record', async () => {
      const db = await freshTarget(dialect)
      const stamped = await cli(db, ['stamp', chain[1]])
      assert.equal(stamped.code, 0, stamped.stderr)
      assert.match(stamped.stdout, /^Stamping database with revision \.\.\.$/m)
      assert.match(stamped.stdout, /^Stamping database with revision succeeded!$/m)
      assert.deepEqual(await tables(db), ['alembic_version', 'prefect_migrations'])
      assert.equal(await alembicVersion(db), chain[1])
      const current = await cli(db, ['current'])
      assert.match(current.stdout, new RegExp(`^${chain[1]} `))
    })

    it('refuses upgrade, downgrade and reset without -y and without a terminal (exit 7), changing nothing', async () => {
      const db = await freshTarget(dialect)
      for (const command of [['upgrade'], ['downgrade', '-r', 'base'], ['reset']]) {
        const result = await cli(db, command)
        assert.equal(result.code, 7, `${command[0]}: ${result.stderr}`)
        assert.match(oneLine(result.stderr), /-y/)
      }

      if (dialect === 'sqlite') assert.equal(fs.existsSync(db.file!), false)
      else assert.deepEqual(await tables(db), [])
    })

    it('--json prints the result object; current and history read it back', async () => {
      const db = await freshTarget(dialect)
      const up = await cli(db, ['upgrade', '-y', '-r', chain[2], '--json'])
      assert.equal(up.code, 0, up.stderr)
      const result = JSON.parse(up.stdout) as {applied: Array<{revision: string; message: string; milliseconds: number}>; to: string}
      assert.deepEqual(result.applied.map((a) => a.revision), chain.slice(0, 3))
      assert.equal(result.to, chain[2])
      const current = JSON.parse((await cli(db, ['current', '--json'])).stdout) as {revision: string; isHead: boolean}
      assert.equal(current.revision, chain[2])
      assert.equal(current.isHead, false)
      const history = await cli(db, ['history', '--verbose'])
      assert.equal(history.code, 0, history.stderr)
      assert.match(history.stdout, new RegExp(`-> ${chain[2]} \\(current\\), `))
      assert.match(history.stdout, new RegExp(`-> ${head} \\(head\\), `))
    })

    it('upgrade --dry-run prints SQL and changes nothing', async () => {
      const db = await freshTarget(dialect)
      const dry = await cli(db, ['upgrade', '--dry-run'])
      assert.equal(dry.code, 0, dry.stderr)
      assert.match(dry.stdout, /create table/i)
      if (dialect === 'sqlite') assert.equal(fs.existsSync(db.file!), false)
      else assert.deepEqual(await tables(db), [])
    })

    it('two upgrade processes at once both succeed, each revision applied once', async () => {
      const db = await freshTarget(dialect)
      const results = await Promise.all([0, 1].map(() => cli(db, ['upgrade', '-y', '--json', '--lock-timeout', '60'])))
      for (const result of results) assert.equal(result.code, 0, result.stderr)
      const applied = results.flatMap((result) => (JSON.parse(result.stdout) as {applied: Array<{revision: string}>}).applied.map((a) => a.revision))
      assert.deepEqual(applied.sort(), [...chain].sort())
      assert.deepEqual(await recorded(db), [...chain].sort())
    })

    it('an unknown revision argument exits 8 naming it', async () => {
      const db = await freshTarget(dialect)
      const result = await cli(db, ['upgrade', '-y', '-r', 'zzzz9999'])
      assert.equal(result.code, 8, result.stderr)
      assert.match(oneLine(result.stderr), /zzzz9999/)
    })

    it('the deprecated orion alias prints one deprecation line and does the same', async () => {
      const db = await freshTarget(dialect)
      const result = await runCli(['orion', 'database', 'upgrade', '-y', '-r', chain[0]], {env: {PREFECT_SERVER_DATABASE_CONNECTION_URL: db.url}})
      assert.equal(result.code, 0, result.stderr)
      const chatter = result.stderr.split('\n').filter((line) => !/^Applying /.test(line)).join('\n')
      assert.match(oneLine(chatter), /deprecated.*prefect server database upgrade/)
      assert.deepEqual(await recorded(db), [chain[0]])
    })
  })

  describe('connection errors are one line with exit 4', () => {
    const run = (url: string, password?: string) =>
      runCli(['server', 'database', 'upgrade', '-y'], {
        env: {PREFECT_SERVER_DATABASE_CONNECTION_URL: url, PREFECT_SERVER_DATABASE_CONNECTION_TIMEOUT: '3', ...(password ? {PREFECT_SERVER_DATABASE_PASSWORD: password} : {})},
      })

    it('on a closed port', async () => {
      const result = await run(`postgresql+asyncpg://prefect_test:${TEST_PASSWORD}@127.0.0.1:${await freePort()}/prefect`)
      assert.equal(result.code, 4, result.stderr)
      assert.match(oneLine(result.stderr), /prefect_test:\*\*\*@127\.0\.0\.1.*connection refused/)
    })

    it('on a wrong password', async () => {
      const url = new URL(adminUrl())
      url.password = 'wrong-password'
      const result = await run(url.toString().replace(/^postgresql:/, 'postgresql+asyncpg:'), 'wrong-password')
      assert.equal(result.code, 4, result.stderr)
      assert.match(oneLine(result.stderr), /authentication failed/)
    })

    it('on a missing database', async () => {
      const result = await run(withDatabase(adminUrl(), 'missing_db').replace(/^postgresql:/, 'postgresql+asyncpg:'))
      assert.equal(result.code, 4, result.stderr)
      assert.match(oneLine(result.stderr), /"missing_db" does not exist/)
    })
  })
})
