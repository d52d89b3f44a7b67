import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'

import {parse as parseToml} from 'smol-toml'

import {revisions} from '../../src/migrations/index.js'
import {runCli} from '../harness/cli.js'
import {forEachDialect} from '../harness/databases.js'
import {tempHome} from '../harness/tmp.js'
import {freshTestDb, recordedRevisions, referenceSchema, schemaText} from './schema.js'

/**
 * Processes racing each other on one database or one profiles file. Every racer must end
 * cleanly, every revision is applied exactly once, and the end state matches a reference.
 */
const RACERS = 8
const chain = revisions.map((revision) => revision.revision)
const head = chain.at(-1)!

interface Applied {
  applied?: {revision: string}[]
}

describe('concurrent runs', function () {
  forEachDialect((dialect) => {
    it(`${RACERS} processes upgrading one database at once all succeed and apply each revision once`, async () => {
      const db = await freshTestDb(dialect)
      const env = {PREFECT_SERVER_DATABASE_CONNECTION_URL: db.url}
      const results = await Promise.all(
        Array.from({length: RACERS}, () => runCli(['server', 'database', 'upgrade', '-y', '--json', '--lock-timeout', '120'], {env, timeoutMs: 180_000})),
      )
      for (const result of results) assert.equal(result.code, 0, result.stderr)
      const applied = results.flatMap((result) => (JSON.parse(result.stdout) as Applied).applied ?? []).map((step) => step.revision)
      assert.deepEqual([...applied].sort(), [...chain].sort(), 'each revision applied by exactly one racer')
      assert.deepEqual((await recordedRevisions(db)).sort(), [...chain].sort())
      assert.equal(await schemaText(db), await referenceSchema(dialect, head))
    })

    it('upgrades racing downgrades and stamps end at a recorded revision whose schema matches', async () => {
      const db = await freshTestDb(dialect)
      const env = {PREFECT_SERVER_DATABASE_CONNECTION_URL: db.url}
      const middle = chain[Math.floor(chain.length / 2)]
      assert.equal((await runCli(['server', 'database', 'upgrade', '-y', '-r', middle], {env})).code, 0)
      // A stamp to another revision desynchronises schema and record by design, so the stamps
      // in this race re-stamp the revision the race started from: they still take the lock.
      const commands = [
        ['upgrade', '-y'], ['downgrade', '-y', '-r', '-1'], ['stamp', middle], ['upgrade', '-y', '-r', '+1'],
        ['downgrade', '-y', '-r', '-2'], ['upgrade', '-y'], ['stamp', middle], ['downgrade', '-y', '-r', '-1'],
      ]
      const results = await Promise.all(
        commands.map((command) => runCli(['server', 'database', ...command, '--lock-timeout', '120'], {env, timeoutMs: 180_000})),
      )
      for (const [index, result] of results.entries()) {
        assert.ok(result.code === 0 || result.code === 8, `${commands[index].join(' ')} exited ${result.code}: ${result.stderr}`)
        assert.doesNotMatch(result.stderr, /^\s+at /m)
      }

      const recorded = await recordedRevisions(db)
      const current = recorded.length === 0 ? 'base' : chain[recorded.length - 1]
      assert.deepEqual([...recorded].sort(), chain.slice(0, recorded.length).sort(), 'the record is a prefix of the chain')
      assert.equal(await schemaText(db), await referenceSchema(dialect, current))
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
