import assert from 'node:assert/strict'

import {runCli} from '../harness/cli.js'
import {forEachDialect} from '../harness/databases.js'
import {freshTarget, query, tables, type TestDatabase} from '../migrator/fixtures.js'
import {chainIds} from '../support/chains.js'

/** `prefect server database check`: every state with its own exit code, read-only, through the CLI. */
function cli(db: TestDatabase | {url: string}, args: string[] = []) {
  return runCli(['server', 'database', 'check', ...args], {env: {PREFECT_SERVER_DATABASE_CONNECTION_URL: db.url}})
}

describe('prefect server database check', () => {
  forEachDialect((dialect) => {
    const chain = chainIds(dialect)

    it('exits 0 at head and at an expected older revision, 10 behind, 11 ahead, with one line naming the fix', async () => {
      const db = await freshTarget(dialect)
      assert.equal((await runCli(['server', 'database', 'upgrade', '-y', '-r', chain[40]], {env: {PREFECT_SERVER_DATABASE_CONNECTION_URL: db.url}})).code, 0)
      const behind = await cli(db)
      assert.equal(behind.code, 10, behind.stderr)
      assert.match(behind.stderr, new RegExp(`at ${chain[40]}, ${chain.length - 41} revisions behind ${chain.at(-1)}\\. Run 'prefect server database upgrade -y'`))
      const here = await cli(db, ['-r', chain[40]])
      assert.equal(here.code, 0, here.stderr)
      assert.match(here.stdout, /as expected/)
      const ahead = await cli(db, ['-r', chain[10], '--json'])
      assert.equal(ahead.code, 11)
      const facts = JSON.parse(ahead.stdout) as {state: string; revision: string; expected: string; pending: number; exitCode: number}
      assert.deepEqual([facts.state, facts.revision, facts.expected, facts.pending, facts.exitCode], ['ahead', chain[40], chain[10], 30, 11])
      assert.equal((await runCli(['server', 'database', 'upgrade', '-y'], {env: {PREFECT_SERVER_DATABASE_CONNECTION_URL: db.url}})).code, 0)
      const head = await cli(db, ['--json'])
      assert.equal(head.code, 0, head.stderr)
      assert.equal(JSON.parse(head.stdout).state, 'current')
    })

    it('exits 12 for a half-reverted revision, 9 for an unknown revision, 13 for a foreign database, 14 for an empty one, changing nothing', async () => {
      const empty = await freshTarget(dialect)
      const none = await cli(empty)
      assert.equal(none.code, 14, none.stderr)
      assert.deepEqual(await tables(empty), [], 'check creates nothing')

      const db = await freshTarget(dialect)
      // Through the chain, so that the head revision has a log row of its own to mark.
      assert.equal((await runCli(['server', 'database', 'upgrade', '-y', '--no-baseline'], {env: {PREFECT_SERVER_DATABASE_CONNECTION_URL: db.url}})).code, 0)
      await query(db, `UPDATE prefect_migrations SET execution_ms = -1 WHERE revision = '${chain.at(-1)}'`)
      const half = await cli(db)
      assert.equal(half.code, 12, half.stderr)
      assert.match(half.stderr, /half reverted/)

      await query(db, "UPDATE alembic_version SET version_num = 'abcdef012345'")
      const unknown = await cli(db, ['--json'])
      assert.equal(unknown.code, 9)
      assert.equal(JSON.parse(unknown.stdout).state, 'unknown-revision')

      const foreign = await freshTarget(dialect)
      await query(foreign, 'CREATE TABLE customers (id integer)')
      const notPrefect = await cli(foreign)
      assert.equal(notPrefect.code, 13, notPrefect.stderr)
      assert.match(notPrefect.stderr, /customers/)
      assert.deepEqual(await tables(foreign), ['customers'])
    })
  })

  forEachDialect((dialect) => {
    it('exits 15 for schema drift, naming a dropped index and an added column, and lists other tables without counting them', async () => {
      const db = await freshTarget(dialect)
      assert.equal((await runCli(['server', 'database', 'upgrade', '-y'], {env: {PREFECT_SERVER_DATABASE_CONNECTION_URL: db.url}})).code, 0)
      await query(db, 'CREATE TABLE customers (id integer)')
      const clean = await cli(db, ['--json'])
      assert.equal(clean.code, 0, clean.stderr)
      assert.deepEqual(JSON.parse(clean.stdout).otherTables, ['customers'])
      assert.deepEqual(JSON.parse(clean.stdout).drift, [])

      await query(db, 'DROP INDEX ix_flow__updated')
      await query(db, 'ALTER TABLE flow ADD COLUMN extra integer')
      const drifted = await cli(db, ['--json'])
      assert.equal(drifted.code, 15, drifted.stderr)
      const facts = JSON.parse(drifted.stdout) as {state: string; drift: string[]}
      assert.equal(facts.state, 'drift')
      assert.deepEqual([...facts.drift].sort(), ['flow: extra column extra', 'flow: missing index ix_flow__updated'])
      const line = await cli(db)
      assert.equal(line.code, 15)
      assert.match(line.stderr, /schema differs from that revision's in 2 place\(s\)/)
    })
  })

  it('finds a missing enum label on PostgreSQL', async () => {
    const db = await freshTarget('postgresql')
    const env = {PREFECT_SERVER_DATABASE_CONNECTION_URL: db.url}
    // CANCELLING is added by 9326a6aee18b; our downgrade removes it again; stamping records it as there.
    assert.equal((await runCli(['server', 'database', 'upgrade', '-y', '-r', '9326a6aee18b'], {env})).code, 0)
    assert.equal((await runCli(['server', 'database', 'downgrade', '-y', '-r', '-1'], {env})).code, 0)
    assert.equal((await runCli(['server', 'database', 'stamp', '9326a6aee18b'], {env})).code, 0)
    const result = await cli(db, ['-r', '9326a6aee18b', '--json'])
    assert.equal(result.code, 15, result.stderr)
    assert.ok((JSON.parse(result.stdout) as {drift: string[]}).drift.includes('enum state_type: missing label CANCELLING'), result.stdout)
  })

  it('finds a missing extension on PostgreSQL (pg_trgm, with the trigram indexes it took along)', async () => {
    const db = await freshTarget('postgresql')
    assert.equal((await runCli(['server', 'database', 'upgrade', '-y'], {env: {PREFECT_SERVER_DATABASE_CONNECTION_URL: db.url}})).code, 0)
    await query(db, 'DROP EXTENSION pg_trgm CASCADE')
    const result = await cli(db, ['--json'])
    assert.equal(result.code, 15, result.stderr)
    const drift = (JSON.parse(result.stdout) as {drift: string[]}).drift
    assert.ok(drift.includes('missing extension pg_trgm'), drift.join('\n'))
    assert.ok(drift.some((line) => /missing index trgm_ix_/.test(line)), drift.join('\n'))
  })

  it('exits 4 with one line when the server is unreachable', async () => {
    const result = await cli({url: 'postgresql+asyncpg://prefect:secret@127.0.0.1:1/prefect'})
    assert.equal(result.code, 4, result.stderr)
    assert.match(result.stderr, /Cannot connect/)
  })
})
