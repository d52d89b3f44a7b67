import assert from 'node:assert/strict'
import {spawnSync} from 'node:child_process'

import {runCli} from '../harness/cli.js'
import {forEachDialect, freshPostgresDatabase, freshSqliteFile, type TestDialect} from '../harness/databases.js'
import {dumpDatabase, dumpDiff} from '../support/reference-schema.js'

/**
 * `--dry-run` prints a script: piped into the database's own client (sqlite3, psql) at the
 * starting revision, it leaves the database exactly where the real run does. Headings and notes
 * go to stderr; nothing claims that anything ran.
 */
interface Db {
  url: string
  location: string
}

async function fresh(dialect: TestDialect): Promise<Db> {
  if (dialect === 'sqlite') {
    const {file, url} = freshSqliteFile()
    return {url, location: file}
  }

  const {url, asyncpgUrl} = await freshPostgresDatabase()
  return {url: asyncpgUrl, location: url}
}

function cli(db: Db, args: string[]) {
  return runCli(['server', 'database', ...args], {env: {PREFECT_SERVER_DATABASE_CONNECTION_URL: db.url}})
}

/** The script applied by the real client, stopping at the first error. */
function apply(dialect: TestDialect, db: Db, script: string): void {
  const [command, args] = dialect === 'sqlite' ? ['sqlite3', ['-bail', db.location]] : ['psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-f', '-', db.location]]
  const result = spawnSync(command, args, {input: script, encoding: 'utf8'})
  assert.equal(result.status, 0, `${command} failed: ${result.stderr}`)
}

function assertSameSchema(dialect: TestDialect, actual: Db, expected: Db): void {
  const [a, e] = [dumpDatabase(dialect, actual.location), dumpDatabase(dialect, expected.location)]
  assert.equal(a, e, dumpDiff(a, e))
}

describe('--dry-run prints a script for the database client', () => {
  forEachDialect((dialect) => {
    it('base to head: the script applied by the client gives the schema and alembic_version of the real upgrade', async () => {
      const [planned, scripted] = [await fresh(dialect), await fresh(dialect)]
      const dry = await cli(planned, ['upgrade', '--dry-run'])
      assert.equal(dry.code, 0, dry.stderr)
      assert.doesNotMatch(dry.stdout, /succeeded|upgraded!|Running upgrade/)
      assert.match(dry.stdout, /^-- upgrade [0-9a-f]{12}: /m)
      assert.match(dry.stderr, /Dry run: nothing was changed/)
      if (dialect === 'postgresql') assert.equal(JSON.parse((await cli(planned, ['current', '--json'])).stdout).revision, null)
      apply(dialect, scripted, dry.stdout)
      assert.equal((await cli(planned, ['upgrade', '-y'])).code, 0)
      assertSameSchema(dialect, scripted, planned)
    })

    it('a downgrade: the script takes a database at head to base as the real downgrade does', async () => {
      const [real, scripted] = [await fresh(dialect), await fresh(dialect)]
      for (const db of [real, scripted]) assert.equal((await cli(db, ['upgrade', '-y'])).code, 0)
      const dry = await cli(real, ['downgrade', '--dry-run', '-r', '3.0.0'])
      assert.equal(dry.code, 0, dry.stderr)
      assert.match(dry.stdout, /^-- downgrade [0-9a-f]{12}: /m)
      apply(dialect, scripted, dry.stdout)
      assert.equal((await cli(real, ['downgrade', '-y', '-r', '3.0.0'])).code, 0)
      assertSameSchema(dialect, scripted, real)
    })
  })
})

describe('honest lines', () => {
  it('an upgrade with nothing to do says so, and claims no success', async () => {
    const db = await fresh('sqlite')
    assert.equal((await cli(db, ['upgrade', '-y'])).code, 0)
    const again = await cli(db, ['upgrade', '-y'])
    assert.equal(again.code, 0, again.stderr)
    assert.match(again.stdout, /^Nothing to do: the database is already at [0-9a-f]{12}\.$/m)
    assert.doesNotMatch(again.stdout, /succeeded|upgraded!/)
  })
})
