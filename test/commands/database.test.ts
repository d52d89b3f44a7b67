import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'

import Database from 'better-sqlite3'

import {runCli} from '../harness/cli.js'
import {adminUrl, forEachDialect, withDatabase} from '../harness/databases.js'
import {freePort} from '../harness/pg-server.js'
import {TEST_PASSWORD} from '../harness/secrets.js'
import {tempHome} from '../harness/tmp.js'
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
      for (const json of [[], ['--json']]) {
        const idle = await cli(a, ['upgrade', '--yes', ...json])
        const idleOclif = await cli(a, ['upgrade', '--yes', ...json, ...throughOclif])
        assert.deepEqual([idle.stdout, idle.stderr, idle.code], [idleOclif.stdout, idleOclif.stderr, idleOclif.code])
        if (json.length === 0) assert.match(idle.stdout, /^Nothing to do: /m)
        else assert.deepEqual(JSON.parse(idle.stdout), {action: 'upgrade', database: a.target.displayUrl, dialect, dryRun: false, from: head, to: head, applied: []})
      }

      // The settings' warnings, once, before the answer (the lane on SQLite holds them back until it answers).
      const home = tempHome()
      fs.mkdirSync(home, {recursive: true})
      fs.writeFileSync(path.join(home, 'profiles.toml'), 'active = "odd"\n\n[profiles.odd]\nPREFECT_NOT_A_SETTING = "x"\n')
      const warned = await runCli(['server', 'database', 'upgrade', '-y'], {env: {PREFECT_SERVER_DATABASE_CONNECTION_URL: a.url, PREFECT_HOME: home}})
      const warnedOclif = await runCli(['server', 'database', 'upgrade', '-y', ...throughOclif], {env: {PREFECT_SERVER_DATABASE_CONNECTION_URL: a.url, PREFECT_HOME: home}})
      assert.deepEqual([warned.stdout, warned.stderr, warned.code], [warnedOclif.stdout, warnedOclif.stderr, warnedOclif.code])
      assert.equal(warned.stderr.match(/PREFECT_NOT_A_SETTING/g)?.length, 1, warned.stderr)
      assert.match(warned.stdout, /^Nothing to do: /m)

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

  describe('the start-up lane answers an upgrade with nothing to do on SQLite only as the engine would', () => {
    it('waits for a migration lock held by another run, saying so, and then answers', async () => {
      const db = await freshTarget('sqlite')
      assert.equal((await cli(db, ['upgrade', '-y'])).code, 0)
      const holder = new Database(`${db.file!}-migrate.lock`)
      holder.exec('BEGIN EXCLUSIVE')
      const started = Date.now()
      const waiting = cli(db, ['upgrade', '-y'])
      await new Promise((resolve) => setTimeout(resolve, 2500))
      holder.exec('ROLLBACK')
      holder.close()
      const result = await waiting
      assert.equal(result.code, 0, result.stderr)
      assert.ok(Date.now() - started >= 2500)
      assert.match(result.stderr, /^Waiting up to 300 s for the migration lock on /m)
      assert.match(result.stdout, /^Nothing to do: the database is already at /m)
    })

    it('runs the head revision again when our log marks it half reverted, as through oclif', async () => {
      const head = chainIds('sqlite').at(-1)!
      const runs = []
      for (const extra of [[], ['--lock-timeout', '300']]) {
        const db = await freshTarget('sqlite')
        assert.equal((await cli(db, ['upgrade', '-y', '--no-baseline'])).code, 0)
        await query(db, 'update prefect_migrations set execution_ms = -1 where revision = ?', [head])
        const result = await cli(db, ['upgrade', '-y', ...extra])
        assert.equal(result.code, 0, result.stderr)
        assert.match(result.stdout, new RegExp(`^Applied ${head} `, 'm'))
        assert.equal((await query<{ms: number}>(db, 'select execution_ms as ms from prefect_migrations where revision = ?', [head]))[0].ms >= 0, true)
        runs.push(result.stdout.replace(db.target.displayUrl, 'URL').replace(/\(\d+ ms\)/g, 'MS'))
      }

      assert.equal(runs[0], runs[1])
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
