import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'

import {parse as parseToml} from 'smol-toml'

import {runCli} from '../harness/cli.js'
import {forEachDialect} from '../harness/databases.js'
import {tempHome} from '../harness/tmp.js'
import {freshTestDb, recordedRevisions, referenceSchema, schemaText} from './schema.js'
import {chainIds} from '../support/chains.js'

/**
 * Processes racing each other on one database or one profiles file. Every racer must end
 * cleanly, every revision is applied exactly once, and the end state matches a reference.
 */
const RACERS = 8

interface Applied {
  applied?: {revision: string}[]
}

describe('concurrent runs', function () {
  forEachDialect((dialect) => {
    const chain = chainIds(dialect)
    const head = chain.at(-1)!
    it(`${RACERS} processes upgrading one empty database from the baseline at once all succeed, and exactly one applies it`, async () => {
      const db = await freshTestDb(dialect)
      const env = {PREFECT_SERVER_DATABASE_CONNECTION_URL: db.url}
      const results = await Promise.all(
        Array.from({length: RACERS}, () => runCli(['server', 'database', 'upgrade', '-y', '--json'], {env, timeoutMs: 180_000})),
      )
      for (const result of results) assert.equal(result.code, 0, result.stderr)
      const outcomes = results.map((result) => JSON.parse(result.stdout) as Applied & {baseline?: {revision: string}})
      assert.equal(outcomes.filter((outcome) => outcome.baseline?.revision === head).length, 1, 'one racer applied the baseline')
      assert.deepEqual(outcomes.flatMap((outcome) => outcome.applied ?? []), [], 'no racer applied a revision by itself')
      assert.deepEqual(await recordedRevisions(db), chain)
      assert.equal(await schemaText(db), await referenceSchema(dialect, head))
    })

    it(`${RACERS} processes upgrading one database through the chain at once all succeed and apply each revision once`, async () => {
      const db = await freshTestDb(dialect)
      const env = {PREFECT_SERVER_DATABASE_CONNECTION_URL: db.url}
      const results = await Promise.all(
        Array.from({length: RACERS}, () => runCli(['server', 'database', 'upgrade', '-y', '--no-baseline', '--json', '--lock-timeout', '120'], {env, timeoutMs: 180_000})),
      )
      for (const result of results) assert.equal(result.code, 0, result.stderr)
      const applied = results.flatMap((result) => (JSON.parse(result.stdout) as Applied).applied ?? []).map((step) => step.revision)
      assert.deepEqual([...applied].sort(), [...chain].sort(), 'each revision applied by exactly one racer')
      assert.deepEqual((await recordedRevisions(db)).sort(), [...chain].sort())
      assert.equal(await schemaText(db), await referenceSchema(dialect, head))
    })

    it('upgrades racing downgrades end at a recorded revision whose schema matches', async () => {
      const db = await freshTestDb(dialect)
      const env = {PREFECT_SERVER_DATABASE_CONNECTION_URL: db.url}
      const middle = chain[Math.floor(chain.length / 2)]
      assert.equal((await runCli(['server', 'database', 'upgrade', '-y', '-r', middle], {env})).code, 0)
      const commands = [
        ['upgrade', '-y'], ['downgrade', '-y', '-r', '-1'], ['upgrade', '-y', '-r', '+1'], ['downgrade', '-y', '-r', '-2'],
        ['upgrade', '-y'], ['downgrade', '-y', '-r', '-1'], ['upgrade', '-y', '-r', '+2'], ['downgrade', '-y', '-r', '-3'],
      ]
      const results = await Promise.all(
        commands.map((command) => runCli(['server', 'database', ...command, '--lock-timeout', '120'], {env, timeoutMs: 180_000})),
      )
      for (const [index, result] of results.entries()) {
        // exit 8: a relative step that no longer fits once the others have moved the database
        assert.ok(result.code === 0 || result.code === 8, `${commands[index].join(' ')} exited ${result.code}: ${result.stderr}`)
        assert.doesNotMatch(result.stderr, /^\s+at /m)
      }

      const recorded = await recordedRevisions(db)
      const current = recorded.length === 0 ? 'base' : chain[recorded.length - 1]
      assert.deepEqual([...recorded].sort(), chain.slice(0, recorded.length).sort(), 'the record is a prefix of the chain')
      assert.equal(await schemaText(db), await referenceSchema(dialect, current))
    })

    it('stamps racing upgrades take turns: every run ends cleanly and the record stays a prefix of the chain', async () => {
      // A stamp rewrites the record without touching the schema, by definition; what a race
      // must not do is interleave a stamp with a revision in progress or tear the record.
      const db = await freshTestDb(dialect)
      const env = {PREFECT_SERVER_DATABASE_CONNECTION_URL: db.url}
      const middle = chain[Math.floor(chain.length / 2)]
      const commands = [['upgrade', '-y'], ['stamp', middle], ['upgrade', '-y'], ['stamp', 'head'], ['stamp', chain[1]], ['upgrade', '-y']]
      const results = await Promise.all(
        commands.map((command) => runCli(['server', 'database', ...command, '--lock-timeout', '120'], {env, timeoutMs: 180_000})),
      )
      for (const [index, result] of results.entries()) {
        // exit 5: an upgrade that found a table a stamp had declared absent fails cleanly and rolls back
        assert.ok([0, 5].includes(result.code ?? -1), `${commands[index].join(' ')} exited ${result.code}: ${result.stderr}`)
        assert.doesNotMatch(result.stderr, /^\s+at /m)
        assert.equal(result.stderr.trim().split('\n').filter((line) => /rror|failed/.test(line)).length <= 1, true)
      }

      const recorded = await recordedRevisions(db)
      assert.deepEqual([...recorded].sort(), chain.slice(0, recorded.length).sort(), 'the record is a prefix of the chain')
    })
  })

  it(`${RACERS} processes running config set on different keys lose no key`, async () => {
    const home = tempHome()
    const settings = [
      'PREFECT_API_URL=http://127.0.0.1:4200/api', 'PREFECT_CLI_COLORS=false', 'PREFECT_SERVER_API_PORT=4300',
      'PREFECT_SERVER_DATABASE_TIMEOUT=20', 'PREFECT_SERVER_DATABASE_ECHO=true', 'PREFECT_SERVER_API_HOST=0.0.0.0',
      'PREFECT_SERVER_DATABASE_CONNECTION_TIMEOUT=7', 'PREFECT_CLI_WRAP_LINES=false',
    ]
    const results = await Promise.all(settings.map((setting) => runCli(['config', 'set', setting], {env: {PREFECT_HOME: home}})))
    for (const result of results) assert.equal(result.code, 0, result.stderr)
    const file = path.join(home, 'profiles.toml')
    const parsed = parseToml(fs.readFileSync(file, 'utf8')) as {active?: string; profiles: Record<string, Record<string, string>>}
    const profile = parsed.profiles[parsed.active ?? 'ephemeral']
    for (const setting of settings) {
      const [key, value] = setting.split('=')
      assert.equal(profile[key], value, `${key} kept`)
    }

    assert.equal(fs.statSync(file).mode & 0o777, 0o600)
  })
})
