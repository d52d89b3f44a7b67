import assert from 'node:assert/strict'
import fs from 'node:fs'

import {runCli} from '../harness/cli.js'
import {adminUrl, forEachDialect, withDatabase} from '../harness/databases.js'
import {freePort} from '../harness/pg-server.js'
import {TEST_PASSWORD} from '../harness/secrets.js'
import {alembicVersion, freshTarget, query, recorded, tables, type TestDatabase} from '../migrator/fixtures.js'
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
    it('upgrade -y --no-baseline, downgrade -y -r -1, downgrade -y -r <id>, downgrade -y -r base', async () => {
      const db = await freshTarget(dialect)
      const up = await cli(db, ['upgrade', '-y', '--no-baseline'])
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
      await query(db, "INSERT INTO flow (id, name) VALUES ('6a1c0a2e-0000-4000-8000-000000000001', 'etl')")
      await query(db, 'CREATE TABLE customers (id integer primary key, name varchar(40))')
      await query(db, "INSERT INTO customers VALUES (1, 'ada'), (2, 'grace')")
      const reset = await cli(db, ['reset', '-y'])
      assert.equal(reset.code, 0, reset.stderr)
      assert.match(reset.stdout, /^Downgrading database\.\.\.\nUpgrading database\.\.\.\nApplied the baseline: /m)
      assert.match(reset.stdout, /^Kept 1 table that is not Prefect's: customers\.$/m)
      assert.match(reset.stdout, /^Prefect database ".+" reset!$/m)
      assert.deepEqual(await query(db, 'SELECT id, name FROM customers ORDER BY id'), [{id: 1, name: 'ada'}, {id: 2, name: 'grace'}])
      assert.deepEqual(await query(db, 'SELECT * FROM flow'), [])
      assert.ok((await tables(db)).includes('customers'))
      assert.deepEqual(await recorded(db), [`baseline:${head}`])
      assert.equal(await alembicVersion(db), head)

      const again = await cli(db, ['reset', '-y', '--no-baseline'])
      assert.equal(again.code, 0, again.stderr)
      assert.match(again.stdout, new RegExp(`^Applied ${chain[0]} `, 'm'))
      assert.deepEqual(await query(db, 'SELECT id, name FROM customers ORDER BY id'), [{id: 1, name: 'ada'}, {id: 2, name: 'grace'}])
      assert.deepEqual(await recorded(db), [...chain].sort())
    })

    if (dialect === 'postgresql') {
      it("reset refuses, changing nothing, when another application's table has a foreign key into a Prefect table", async () => {
        const db = await freshTarget(dialect)
        assert.equal((await cli(db, ['upgrade', '-y', '-r', chain[20]])).code, 0)
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

    it('two upgrade processes at once, one through the chain and one by the baseline, both succeed; only the first does the work', async () => {
      const db = await freshTarget(dialect)
      const results = await Promise.all([['--no-baseline'], []].map((flag) => cli(db, ['upgrade', '-y', '--json', '--lock-timeout', '60', ...flag])))
      for (const result of results) assert.equal(result.code, 0, result.stderr)
      const outcomes = results.map((result) => JSON.parse(result.stdout) as {applied: Array<{revision: string}>; baseline?: {revision: string}})
      const [chained, based] = outcomes
      if (based.baseline) {
        assert.deepEqual([chained.applied, based.applied], [[], []])
        assert.deepEqual(await recorded(db), [`baseline:${head}`])
      } else {
        assert.deepEqual([chained.applied.map((a) => a.revision), based.applied], [chain, []])
        assert.deepEqual(await recorded(db), [...chain].sort())
      }

      assert.equal(await alembicVersion(db), head)
    })

    it('upgrade -y on an empty database applies the baseline and says so; history, current and --json tell what it stands for', async () => {
      const db = await freshTarget(dialect)
      const up = await cli(db, ['upgrade', '-y'])
      assert.equal(up.code, 0, up.stderr)
      const standsFor = `the ${chain.length} revisions ${chain[0]} to ${head}`
      assert.match(up.stdout, new RegExp(`^Running upgrade migrations \\.\\.\\.\nApplied the baseline: the schema of ${head} in one transaction, standing for ${standsFor} \\(\\d+ ms\\)\nMigrations succeeded!\n`))
      assert.doesNotMatch(up.stdout, /^Applied [0-9a-f]{12} /m)
      assert.equal(await alembicVersion(db), head)
      assert.deepEqual(await recorded(db), [`baseline:${head}`])

      const current = await cli(db, ['current'])
      assert.match(current.stdout, new RegExp(`^${head} .*\\(head.*; built from the baseline of ${head} \\(${standsFor} in one transaction\\)$`, 'm'))
      const history = await cli(db, ['history'])
      assert.match(history.stdout.split('\n')[0], new RegExp(`-> ${head} \\(head\\) \\(current\\) \\(baseline: ${standsFor}\\), `))
      const verbose = await cli(db, ['history', '-v'])
      assert.match(verbose.stdout, new RegExp(`^    applied \\S+ by the baseline of ${head} \\(${standsFor} in one transaction, \\d+ ms\\)$`, 'm'))
      const entries = JSON.parse((await cli(db, ['history', '--json'])).stdout) as Array<{applied: boolean; baseline: {revision: string; from: string; revisions: number} | null}>
      assert.ok(entries.every((entry) => entry.applied && entry.baseline?.revision === head && entry.baseline.from === chain[0] && entry.baseline.revisions === chain.length))

      const fresh = await freshTarget(dialect)
      const json = JSON.parse((await cli(fresh, ['upgrade', '-y', '--json'])).stdout) as {applied: unknown[]; baseline: {revision: string; from: string; revisions: number; milliseconds: number}; to: string}
      assert.deepEqual([json.applied, json.to, json.baseline.revision, json.baseline.from, json.baseline.revisions], [[], head, head, chain[0], chain.length])
      assert.equal(typeof json.baseline.milliseconds, 'number')
    })

    it('the start-up lane (upgrade -y) answers exactly as the same command through oclif: JSON, lines, failures and exit codes', async () => {
      // An explicit --lock-timeout at its default sends the same command through oclif.
      const throughOclif = ['--lock-timeout', '300']
      const [a, b] = [await freshTarget(dialect), await freshTarget(dialect)]
      const normal = (text: string, db: TestDatabase) => text.replaceAll(db.target.displayUrl, 'URL').replace(/"milliseconds": \d+|\(\d+ ms\)/g, 'MS')
      const fast = await cli(a, ['upgrade', '-y', '--json'])
      const slow = await cli(b, ['upgrade', '-y', '--json', ...throughOclif])
      assert.equal(fast.code, 0, fast.stderr)
      assert.deepEqual([normal(fast.stdout, a), fast.stderr, fast.code], [normal(slow.stdout, b), slow.stderr, slow.code])
      const idle = await cli(a, ['upgrade', '--yes'])
      const idleOclif = await cli(a, ['upgrade', '--yes', ...throughOclif])
      assert.deepEqual([idle.stdout, idle.stderr, idle.code], [idleOclif.stdout, idleOclif.stderr, idleOclif.code])
      assert.match(idle.stdout, /^Nothing to do: /m)

      const foreign = await freshTarget(dialect)
      await query(foreign, 'CREATE TABLE customers (id integer)')
      for (const json of [[], ['--json']]) {
        const refused = await cli(foreign, ['upgrade', '-y', ...json])
        const refusedOclif = await cli(foreign, ['upgrade', '-y', ...json, ...throughOclif])
        assert.equal(refused.code, 5, refused.stderr)
        assert.deepEqual([refused.stdout, refused.stderr, refused.code], [refusedOclif.stdout, refusedOclif.stderr, refusedOclif.code])
      }

      assert.deepEqual(await tables(foreign), ['customers'])
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
