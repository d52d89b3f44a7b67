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

/**
 * The work-queue data migration (SQLite 1678f2fb8b33, PostgreSQL f98ae6d8e2cc) creates
 * `default-agent-pool` and a `default` queue and then names them in later statements. Their ids
 * are made by the revision and written by the inserts, so the script names in its later
 * statements the rows its own inserts make, and the client's run gives what the real run gives.
 */
const WORK_QUEUES = {sqlite: '1678f2fb8b33', postgresql: 'f98ae6d8e2cc'} as const

async function withPoollessQueues(dialect: TestDialect): Promise<Db> {
  const db = await fresh(dialect)
  const revision = WORK_QUEUES[dialect]
  await buildReferenceDatabase(dialect, db.location, positionOf(dialect, revision) - 1)
  const knex = openKnex(dialect, db.location)
  try {
    const id = () => crypto.randomUUID()
    const [otherPool, qOther, qA, qB, flow] = [id(), id(), id(), id(), id()]
    // A pool made by hand, with its queue; then queues from before work pools (no 'default').
    await knex('work_pool').insert({id: otherPool, name: 'other-pool', type: 'process'})
    await knex('work_queue').insert({id: qOther, name: 'q-other', work_pool_id: otherPool})
    await knex('work_pool').update({default_queue_id: qOther}).where({id: otherPool})
    await knex('work_queue').insert({id: qA, name: 'q-a'})
    await knex('work_queue').insert({id: qB, name: 'q-b'})
    await knex('agent').insert({name: 'agent-a', work_queue_id: qA})
    await knex('flow').insert({id: flow, name: 'f'})
    await knex('flow_run').insert([
      {id: id(), name: 'r1', flow_id: flow, work_queue_name: 'q-a'},
      {id: id(), name: 'r2', flow_id: flow, work_queue_name: 'q-b'},
      {id: id(), name: 'r3', flow_id: flow, work_queue_name: 'q-missing'},
      {id: id(), name: 'r4', flow_id: flow, work_queue_name: 'q-a', work_queue_id: qOther},
    ])
    await knex('deployment').insert([
      {id: id(), name: 'd1', flow_id: flow, work_queue_name: 'q-b'},
      {id: id(), name: 'd2', flow_id: flow, work_queue_name: null},
    ])
  } finally {
    await knex.destroy()
  }

  return db
}

/**
 * Schema dump and the rows of the pools, queues, agents, flow runs and deployments, rows of
 * other tables named by name: the pool's and its default queue's ids are made anew by each run.
 */
async function workQueueContents(dialect: TestDialect, db: Db): Promise<string> {
  const knex = openKnex(dialect, db.location)
  try {
    const pools = await knex.raw(
      `SELECT p.name, p.type, q.name AS default_queue FROM work_pool p LEFT JOIN work_queue q ON q.id = p.default_queue_id ORDER BY p.name`,
    )
    const queues = await knex.raw(
      `SELECT q.name, p.name AS pool, q.priority, CASE WHEN q.name = 'default' THEN NULL ELSE q.id END AS id
       FROM work_queue q LEFT JOIN work_pool p ON p.id = q.work_pool_id ORDER BY q.name`,
    )
    const runs = (table: string) =>
      knex.raw(`SELECT r.name, r.id, q.name AS queue, p.name AS pool FROM ${table} r
        LEFT JOIN work_queue q ON q.id = r.work_queue_id LEFT JOIN work_pool p ON p.id = q.work_pool_id ORDER BY r.name`)
    const agents = await knex.raw('SELECT a.name, q.name AS queue FROM agent a LEFT JOIN work_queue q ON q.id = a.work_queue_id ORDER BY a.name')
    const rows = (result: unknown) => (dialect === 'sqlite' ? result : (result as {rows: unknown}).rows)
    const data = [pools, queues, await runs('flow_run'), await runs('deployment'), agents].map((result) => rows(result))
    return `${dumpDatabase(dialect, db.location)}\n${JSON.stringify(data, null, 1)}`
  } finally {
    await knex.destroy()
  }
}

describe('--dry-run: rows a revision creates and then names', () => {
  forEachDialect((dialect) => {
    it('the work-queue data migration\'s script inserts default-agent-pool with the id its later statements name, and gives what the real run gives', async () => {
      const db = await withPoollessQueues(dialect)
      const scripted = await copyOf(dialect, db)
      const revision = WORK_QUEUES[dialect]
      const dry = await cli(db, ['upgrade', '--dry-run', '-r', revision])
      assert.equal(dry.code, 0, dry.stderr)
      const insert = /^INSERT INTO work_pool \(id, name, type\) VALUES \('([0-9a-f-]{36})', 'default-agent-pool', 'prefect-agent'\);$/m.exec(dry.stdout)
      assert.ok(insert, `the script inserts no default-agent-pool with its id:\n${dry.stdout}`)
      const poolId = insert[1]
      assert.match(dry.stdout, new RegExp(`^INSERT INTO work_queue \\(id, name, work_pool_id\\) VALUES \\('[0-9a-f-]{36}', 'default', '${poolId}'\\);$`, 'm'))
      assert.match(dry.stdout, new RegExp(`^UPDATE work_queue SET work_pool_id = '${poolId}' WHERE work_pool_id IS NULL;$`, 'm'))

      apply(dialect, scripted, dry.stdout)
      const real = await cli(db, ['upgrade', '-y', '-r', revision])
      assert.equal(real.code, 0, real.stderr)
      const [a, e] = [await workQueueContents(dialect, scripted), await workQueueContents(dialect, db)]
      assert.equal(a, e, dumpDiff(a, e))
      assert.match(e, /"default-agent-pool"/)
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
