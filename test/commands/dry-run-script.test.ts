import assert from 'node:assert/strict'
import {spawnSync} from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'

import {runCli} from '../harness/cli.js'
import {adminQuery, forEachDialect, freshPostgresDatabase, freshSqliteFile, withDatabase, adminUrl, type TestDialect} from '../harness/databases.js'
import {buildReferenceDatabase} from '../support/reference-db.js'
import {dumpDatabase, dumpDiff} from '../support/reference-schema.js'
import {openKnex, positionOf} from '../support/run-revision.js'

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

/**
 * A revision whose SQL depends on the rows it reads: SQLite's json_variables upgrade (an UPDATE
 * per page of variables, with each value computed from the row) and PostgreSQL's json_variables
 * downgrade (the same, the other way). The dry run reads the rows (a copy: the real database is
 * untouched) and its script, applied by the client to a copy, gives what the real run gives.
 */
const READING = {
  sqlite: {revision: '2ac65f1758c2', at: -1, args: ['upgrade', '--dry-run', '-r', '2ac65f1758c2'], run: ['upgrade', '-y', '-r', '2ac65f1758c2']},
  postgresql: {revision: '94622c1663e8', at: 0, args: ['downgrade', '--dry-run', '-r', '-1'], run: ['downgrade', '-y', '-r', '-1']},
} as const

async function withVariables(dialect: TestDialect): Promise<{db: Db; names: string[]}> {
  const db = await fresh(dialect)
  await buildReferenceDatabase(dialect, db.location, positionOf(dialect, READING[dialect].revision) + READING[dialect].at)
  const knex = openKnex(dialect, db.location)
  const names = ['plain', 'quoted "it\'s"', 'café']
  try {
    // Before SQLite's upgrade values are text; before PostgreSQL's downgrade, jsonb.
    const value = (name: string) => (dialect === 'sqlite' ? name : JSON.stringify(name))
    await knex('variable').insert(names.map((name) => ({id: crypto.randomUUID(), name, value: value(name)})))
  } finally {
    await knex.destroy()
  }

  return {db, names}
}

/** A second database holding a copy of `db` (a file copy; CREATE DATABASE … TEMPLATE). */
async function copyOf(dialect: TestDialect, db: Db): Promise<Db> {
  if (dialect === 'sqlite') {
    const copy = freshSqliteFile()
    fs.copyFileSync(db.location, copy.file)
    return {url: copy.url, location: copy.file}
  }

  const name = `t_${crypto.randomBytes(6).toString('hex')}`
  await adminQuery(`CREATE DATABASE ${name} TEMPLATE ${new URL(db.location).pathname.slice(1)}`)
  const url = withDatabase(adminUrl(), name)
  return {url: url.replace(/^postgresql:/, 'postgresql+asyncpg:'), location: url}
}

/** The database as a second connection sees it: schema dump and every variable row. */
async function contents(dialect: TestDialect, db: Db): Promise<string> {
  const knex = openKnex(dialect, db.location)
  try {
    const rows = await knex('variable').select('name', knex.raw(dialect === 'sqlite' ? 'value' : 'value::text AS value')).orderBy('name')
    return `${dumpDatabase(dialect, db.location)}\n${JSON.stringify(rows)}`
  } finally {
    await knex.destroy()
  }
}

function sha256(file: string): string {
  return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex')
}

describe('--dry-run reads the rows a revision reads', () => {
  forEachDialect((dialect) => {
    it('the script holds the statements for these rows, gives what the real run gives, and the database is unchanged', async () => {
      const {db, names} = await withVariables(dialect)
      const scripted = await copyOf(dialect, db)
      const before = dialect === 'sqlite' ? sha256(db.location) : await contents(dialect, db)
      const dry = await cli(db, [...READING[dialect].args])
      assert.equal(dry.code, 0, dry.stderr)
      assert.equal(dialect === 'sqlite' ? sha256(db.location) : await contents(dialect, db), before, 'the dry run changed the database')
      assert.match(dry.stdout, /^-- This revision reads the database: .* this database's rows as the dry run read them at /m)
      // The row-dependent UPDATE names each variable's id with the value computed from it.
      const ids = await idsByName(dialect, db)
      for (const name of names) assert.ok(dry.stdout.includes(ids.get(name)!), `the script has no statement for ${name}:\n${dry.stdout}`)
      assert.match(dry.stdout, dialect === 'sqlite' ? /THEN '"caf\\u00e9"'/ : /'café'::varchar/)

      apply(dialect, scripted, dry.stdout)
      const real = await cli(db, [...READING[dialect].run])
      assert.equal(real.code, 0, real.stderr)
      const [a, e] = [await contents(dialect, scripted), await contents(dialect, db)]
      assert.equal(a, e, dumpDiff(a, e))
    })
  })
})

async function idsByName(dialect: TestDialect, db: Db): Promise<Map<string, string>> {
  const knex = openKnex(dialect, db.location)
  try {
    const rows = (await knex('variable').select('name', 'id')) as Array<{name: string; id: string}>
    return new Map(rows.map((row) => [row.name, row.id]))
  } finally {
    await knex.destroy()
  }
}

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
