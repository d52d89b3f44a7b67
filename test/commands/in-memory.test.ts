import assert from 'node:assert/strict'
import fs from 'node:fs'

import {runCli} from '../harness/cli.js'
import {tempHome} from '../harness/tmp.js'

/**
 * An in-memory SQLite URL (issue 9): the database is gone when the command exits, so writing
 * commands warn before they write and reading ones explain their `base`, each in one line on
 * stderr; nothing is written to disk.
 */

const MEMORY_URLS = [
  'sqlite+aiosqlite:///:memory:',
  'sqlite://',
  'sqlite+aiosqlite:///file::memory:?cache=shared&uri=true&check_same_thread=false',
]

/** What a directory holds; none when it does not exist. */
function filesIn(dir: string): string[] {
  return fs.existsSync(dir) ? fs.readdirSync(dir, {recursive: true, encoding: 'utf8'}) : []
}

function cli(url: string, args: string[], home = tempHome()) {
  return runCli(['server', 'database', ...args], {env: {PREFECT_SERVER_DATABASE_CONNECTION_URL: url, PREFECT_HOME: home}})
}

/** stderr without the progress lines (`Applying … ...`). */
function chatter(stderr: string): string[] {
  return stderr.split('\n').filter((line) => line.trim() !== '' && !/^Applying /.test(line))
}

describe('an in-memory SQLite database', () => {
  for (const url of MEMORY_URLS) {
    describe(url, () => {
      const writes: Array<[string[], string]> = [
        [['upgrade', '-y'], 'upgrade'],
        [['downgrade', '-y', '-r', 'base'], 'downgrade'],
        [['reset', '-y'], 'reset'],
        [['stamp', 'head'], 'stamp'],
      ]
      for (const [args, action] of writes) {
        it(`${args.join(' ')} succeeds and warns in one line that the ${action} is gone when the command exits`, async () => {
          const home = tempHome()
          const result = await cli(url, args, home)
          assert.equal(result.code, 0, result.stderr)
          const lines = chatter(result.stderr)
          assert.equal(lines.length, 1, result.stderr)
          assert.equal(
            lines[0],
            `'${url}' is an in-memory SQLite database: it lives only as long as this process, so what this ${action} does is gone when the command exits. Point PREFECT_SERVER_DATABASE_CONNECTION_URL at a file to keep it.`,
          )
          assert.deepEqual(filesIn(home), [], 'no file written')
        })
      }

      it('--json keeps stdout the result object; the warning stays on stderr', async () => {
        const result = await cli(url, ['upgrade', '-y', '--json'])
        assert.equal(result.code, 0, result.stderr)
        assert.ok(JSON.parse(result.stdout))
        assert.equal(chatter(result.stderr).filter((line) => /in-memory SQLite database/.test(line)).length, 1)
      })

      for (const args of [['current'], ['history']]) {
        it(`${args.join(' ')} after an upgrade explains in one line why it is at base`, async () => {
          const home = tempHome()
          assert.equal((await cli(url, ['upgrade', '-y'], home)).code, 0)
          const result = await cli(url, args, home)
          assert.equal(result.code, 0, result.stderr)
          if (args[0] === 'current') assert.equal(result.stdout, 'base\n')
          const lines = chatter(result.stderr)
          assert.equal(lines.length, 1, result.stderr)
          assert.equal(
            lines[0],
            `'${url}' is an in-memory SQLite database: it lives only as long as one process, so each command starts from a new, empty one (at base) and sees nothing an earlier command did.`,
          )
        })
      }

      it('upgrade --dry-run changes nothing anywhere and does not warn', async () => {
        const result = await cli(url, ['upgrade', '--dry-run'])
        assert.equal(result.code, 0, result.stderr)
        // A dry run's headings and notes go to stderr; no in-memory warning among them.
        assert.doesNotMatch(result.stderr, /in-memory/)
        assert.match(result.stderr, /Dry run: nothing was changed/)
      })
    })
  }

  it('a SQLite file gets no such line', async () => {
    const home = tempHome()
    const url = `sqlite+aiosqlite:///${home}/prefect.db`
    const up = await cli(url, ['upgrade', '-y'], home)
    assert.equal(up.code, 0, up.stderr)
    assert.deepEqual(chatter(up.stderr), [])
    const current = await cli(url, ['current'], home)
    assert.deepEqual(chatter(current.stderr), [])
  })
})
