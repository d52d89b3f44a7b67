import assert from 'node:assert/strict'

import {RELEASES} from '../../src/migrations/prefect-data.js'
import {runCli} from '../harness/cli.js'
import {forEachDialect, freshPostgresDatabase, freshSqliteFile, type TestDialect} from '../harness/databases.js'
import {chainIds} from '../support/chains.js'
import {buildReferenceDatabase} from '../support/reference-db.js'
import {dumpDatabase, dumpDiff, referenceDump, sortDumpColumns} from '../support/reference-schema.js'

/**
 * Databases in the exact state Python Prefect leaves them (built from the reference dumps, with
 * alembic_version and no log of ours), administered through the real CLI: adoption at an old
 * release, the seed's downgrade line, releases and the other dialect's ids as arguments.
 */
interface PrefectDb {
  dialect: TestDialect
  url: string
  location: string
}

async function prefectDatabaseAt(dialect: TestDialect, position: number): Promise<PrefectDb> {
  if (dialect === 'sqlite') {
    const {file, url} = freshSqliteFile()
    await buildReferenceDatabase(dialect, file, position)
    return {dialect, url, location: file}
  }

  const {url, asyncpgUrl} = await freshPostgresDatabase()
  await buildReferenceDatabase(dialect, url, position)
  return {dialect, url: asyncpgUrl, location: url}
}

function cli(db: PrefectDb, args: string[]) {
  return runCli(['server', 'database', ...args], {env: {PREFECT_SERVER_DATABASE_CONNECTION_URL: db.url}})
}

function releaseHead(dialect: TestDialect, release: string): string {
  const row = RELEASES.find(([name]) => name === release)!
  return dialect === 'sqlite' ? row[1] : row[2]
}

const positionOf = (dialect: TestDialect, revision: string) => chainIds(dialect).indexOf(revision) + 1

function assertSchemaAt(db: PrefectDb, position: number, options: {sortColumns?: boolean} = {}): void {
  const actual = dumpDatabase(db.dialect, db.location, options)
  const reference = referenceDump(db.dialect, position)
  const expected = options.sortColumns ? sortDumpColumns(reference) : reference
  assert.equal(actual, expected, dumpDiff(actual, expected))
}

describe("databases Prefect migrated, through the CLI", () => {
  forEachDialect((dialect) => {
    const head = chainIds(dialect).length

    it('adopts a database at Prefect 2.10.0\'s head with nothing to do first, and upgrades it to the head schema', async () => {
      const start = positionOf(dialect, releaseHead(dialect, '2.10.0'))
      const db = await prefectDatabaseAt(dialect, start)
      const current = await cli(db, ['current'])
      assert.equal(current.code, 0, current.stderr)
      assert.match(current.stdout, new RegExp(`^${releaseHead(dialect, '2.10.0')} .*head of Prefect 2\\.10\\.0`))
      const up = await cli(db, ['upgrade', '-y'])
      assert.equal(up.code, 0, up.stderr)
      assert.equal(up.stdout.match(/^Applied /gm)?.length, head - start)
      assertSchemaAt(db, head)
    })

    it('downgrades to a Prefect release with -r <release>, and stamps one', async () => {
      const db = await prefectDatabaseAt(dialect, head)
      const down = await cli(db, ['downgrade', '-y', '-r', '3.0.0'])
      assert.equal(down.code, 0, down.stderr)
      const at = positionOf(dialect, releaseHead(dialect, '3.0.0'))
      assertSchemaAt(db, at, {sortColumns: true})
      const current = await cli(db, ['current', '--json'])
      assert.equal(JSON.parse(current.stdout).revision, releaseHead(dialect, '3.0.0'))
      assert.match(JSON.parse(current.stdout).releases, /Prefect 3\.0\.0/)
      const stamped = await cli(db, ['stamp', '3.0.10'])
      assert.equal(stamped.code, 0, stamped.stderr)
      assert.equal(JSON.parse((await cli(db, ['current', '--json'])).stdout).revision, releaseHead(dialect, '3.0.10'))
    })
  })

  it("runs the seed's line `downgrade -y -r d20618ce678e` on PostgreSQL", async () => {
    const db = await prefectDatabaseAt('postgresql', chainIds('postgresql').length)
    const result = await cli(db, ['downgrade', '-y', '-r', 'd20618ce678e'])
    assert.equal(result.code, 0, result.stderr)
    assert.match(result.stdout, /upgraded!|downgraded!/)
    assertSchemaAt(db, positionOf('postgresql', 'd20618ce678e'), {sortColumns: true})
  })

  it('takes the PostgreSQL id d20618ce678e on SQLite through its pair, and says so', async () => {
    const db = await prefectDatabaseAt('sqlite', chainIds('sqlite').length)
    const result = await cli(db, ['downgrade', '-y', '-r', 'd20618ce678e'])
    assert.equal(result.code, 0, result.stderr)
    assert.match(result.stdout, /d20618ce678e is the PostgreSQL revision of this change; on SQLite it is b9aafc3ab936/)
    assertSchemaAt(db, positionOf('sqlite', 'b9aafc3ab936'), {sortColumns: true})
  })

  it('refuses a revision of the other chain that has no counterpart, naming its dialect, and changes nothing', async () => {
    const db = await prefectDatabaseAt('sqlite', chainIds('sqlite').length)
    const result = await cli(db, ['downgrade', '-y', '-r', '0cf7311d6ea6'])
    assert.equal(result.code, 8)
    assert.match(result.stderr, /0cf7311d6ea6 belongs to Prefect's PostgreSQL chain and has no SQLite counterpart/)
    assertSchemaAt(db, chainIds('sqlite').length)
  })

  it('refuses a database at a revision newer than its chain, and changes nothing', async () => {
    const db = await prefectDatabaseAt('postgresql', chainIds('postgresql').length)
    const {adminQuery} = await import('../harness/databases.js')
    await adminQuery(`UPDATE alembic_version SET version_num = 'abcdef123456'`, [], new URL(db.location).pathname.slice(1))
    const before = dumpDatabase('postgresql', db.location)
    const result = await cli(db, ['upgrade', '-y'])
    assert.equal(result.code, 9)
    assert.match(result.stderr, /abcdef123456.*newer than this tool's chain \(head 9e9dadc36797\)/)
    assert.equal(dumpDatabase('postgresql', db.location), before)
  })
})
