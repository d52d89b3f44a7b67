import assert from 'node:assert/strict'

import {runCli} from '../harness/cli.js'
import {forEachDialect} from '../harness/databases.js'
import {testServer} from '../harness/pg-server.js'
import {freshTestDb, recordedRevisions, referenceSchema, schemaText} from './schema.js'
import {chainIds} from '../support/chains.js'

/**
 * SIGKILL at random moments of upgrades and downgrades across the whole chain: after every
 * kill the next plain `upgrade -y` must succeed with no manual step and end at the head schema.
 * Also: PostgreSQL stopped (immediate mode) in the middle of an upgrade.
 */
const KILLS = Number(process.env.PREFECT_TEST_KILLS ?? 25)
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * The run had started a revision and not finished it: the start lines (stderr) outnumber the
 * finish lines (stdout). Both are written synchronously to pipes, so the counts are exact.
 */
function killedInsideRevision(stdout: string, stderr: string): boolean {
  const started = stderr.split('\n').filter((line) => /^(Applying|Reverting) /.test(line)).length
  const finished = stdout.split('\n').filter((line) => /^(Applied|Reverted) /.test(line)).length
  return started > finished
}

forEachDialect((dialect) => {
  const chain = chainIds(dialect)
  const head = chain.at(-1)!
  describe('crashes', function () {
    // 50 kills and as many recoveries: about a minute on a quiet machine, more on a loaded one.
    this.timeout(300_000)
    it(`recovers from SIGKILL at ${KILLS} random moments of upgrade and downgrade`, async function () {
      const db = await freshTestDb(dialect)
      const env = {PREFECT_SERVER_DATABASE_CONNECTION_URL: db.url}
      const cli = (args: string[], timeoutMs?: number) => runCli(['server', 'database', ...args], {env, timeoutMs})

      let started = Date.now()
      assert.equal((await cli(['upgrade', '-y', '--no-baseline'])).code, 0)
      const upMs = Date.now() - started
      started = Date.now()
      assert.equal((await cli(['downgrade', '-y', '-r', 'base'])).code, 0)
      const downMs = Date.now() - started
      const headSchema = await referenceSchema(dialect, head)

      let killed = 0
      let inside = 0
      let recovered = 0
      for (let i = 0; i < KILLS; i++) {
        const upward = i % 2 === 0
        if (upward) assert.equal((await cli(['downgrade', '-y', '-r', 'base'])).code, 0)
        const delay = Math.max(1, Math.floor(Math.random() * (upward ? upMs : downMs) * 1.1))
        // Upward kills land in the chain's revisions, and every other time in a baseline install.
        const victim = await cli(upward ? ['upgrade', '-y', ...(i % 4 === 0 ? ['--no-baseline'] : [])] : ['downgrade', '-y', '-r', 'base'], delay)
        if (victim.signal === 'SIGKILL') killed++
        if (victim.signal === 'SIGKILL' && killedInsideRevision(victim.stdout, victim.stderr)) inside++

        const recovery = await cli(['upgrade', '-y'])
        assert.equal(recovery.code, 0, `after a kill at ${delay} ms: ${recovery.stderr}`)
        assert.deepEqual((await recordedRevisions(db)).sort(), [...chain].sort())
        assert.equal(await schemaText(db), headSchema, `schema after a kill at ${delay} ms of ${upward ? 'upgrade' : 'downgrade'}`)
        recovered++
      }

      console.log(`      ${dialect}: ${KILLS} SIGKILLs aimed, ${killed} landed before the run ended, ${inside} inside a revision, ${recovered} recovered by a plain upgrade`)
      assert.equal(recovered, KILLS)
    })
  })
})

describe('crashes: PostgreSQL stopped in the middle of an upgrade', function () {
  it('fails with one clear connection error, and the next run finishes the job', async function () {
    const server = testServer()
    const db = await freshTestDb('postgresql')
    const env = {PREFECT_SERVER_DATABASE_CONNECTION_URL: db.url}
    const started = Date.now()
    assert.equal((await runCli(['server', 'database', 'upgrade', '-y', '--no-baseline'], {env})).code, 0)
    const upMs = Date.now() - started
    assert.equal((await runCli(['server', 'database', 'downgrade', '-y', '-r', 'base'], {env})).code, 0)

    let interrupted = false
    for (let attempt = 0; attempt < 6 && !interrupted; attempt++) {
      const run = runCli(['server', 'database', 'upgrade', '-y', '--no-baseline'], {env, timeoutMs: 60_000})
      await sleep(Math.floor(upMs * (0.5 - attempt * 0.07)))
      server.stop('immediate')
      const result = await run
      server.start()
      if (result.code === 0) continue
      interrupted = true
      assert.equal(result.code, 4, `expected a connection error (exit 4): ${result.stderr}`)
      const lines = result.stderr.trim().split('\n').filter((line) => line.trim() !== '' && !/^Applying /.test(line))
      assert.equal(lines.length, 1, result.stderr)
      assert.doesNotMatch(result.stderr, /^\s+at /m)
    }

    assert.ok(interrupted, 'the server stop never landed inside an upgrade')
    const next = await runCli(['server', 'database', 'upgrade', '-y'], {env})
    assert.equal(next.code, 0, next.stderr)
    assert.equal(await schemaText(db), await referenceSchema('postgresql', chainIds('postgresql').at(-1)!))
  })
})
