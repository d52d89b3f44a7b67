import assert from 'node:assert/strict'
import {spawn} from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

import Database from 'better-sqlite3'
import pg from 'pg'

import {BIN, runCli} from '../harness/cli.js'
import {adminQuery, freshPostgresDatabase, freshSqliteFile} from '../harness/databases.js'
import {TEST_PASSWORD} from '../harness/secrets.js'
import {runInTerminal} from '../harness/terminal.js'
import {tempDir, tempHome} from '../harness/tmp.js'
import {fillEveryTable, ROWS_PER_TABLE} from '../support/copy-fixture.js'
import {dumpDatabase, referenceChain, referenceDump} from '../support/reference-schema.js'

/** `prefect server database copy`, through the built CLI, on real SQLite files and the real PostgreSQL. */

const SQLITE_HEAD = referenceChain('sqlite').length
const PG_HEAD = referenceChain('postgresql').length

function copy(args: string[], env: Record<string, string> = {}) {
  return runCli(['server', 'database', 'copy', ...args], {env, timeoutMs: 120_000})
}

function fileHash(file: string): string {
  return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex')
}

async function headSqlite(): Promise<{file: string; url: string}> {
  const db = freshSqliteFile()
  const up = await runCli(['server', 'database', 'upgrade', '-y'], {env: {PREFECT_SERVER_DATABASE_CONNECTION_URL: db.url}})
  assert.equal(up.code, 0, up.stderr)
  return db
}

interface Table {
  columns: string[]
  rows: unknown[][]
}

/** Every Prefect table of a SQLite file, rows sorted, read through its own connection. */
function sqliteTables(file: string): Map<string, Table> {
  const db = new Database(file, {readonly: true})
  try {
    const names = db
      .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not in ('prefect_migrations') order by name")
      .pluck()
      .all() as string[]
    const tables = new Map<string, Table>()
    for (const name of names) {
      const statement = db.prepare(`select * from "${name}"`).raw(true)
      const columns = statement.columns().map((column) => column.name)
      const rows = (statement.all() as unknown[][]).sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1))
      tables.set(name, {columns, rows})
    }

    return tables
  } finally {
    db.close()
  }
}

/** JSON compared by value (PostgreSQL's jsonb keeps neither key order nor spacing); every other cell exactly. */
function sameCell(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (typeof a === 'string' && typeof b === 'string' && /^[[{]/.test(a)) {
    try {
      return JSON.stringify(sorted(JSON.parse(a))) === JSON.stringify(sorted(JSON.parse(b)))
    } catch {
      return false
    }
  }

  return false
}

function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted)
  if (value === null || typeof value !== 'object') return value
  return Object.fromEntries(Object.keys(value).sort().map((key) => [key, sorted((value as Record<string, unknown>)[key])]))
}

function assertSameRows(before: Map<string, Table>, after: Map<string, Table>): void {
  assert.deepEqual([...after.keys()], [...before.keys()])
  for (const [name, table] of before) {
    const other = after.get(name)!
    assert.deepEqual(other.columns, table.columns, name)
    assert.equal(other.rows.length, table.rows.length, `${name}: row count`)
    const key = (row: unknown[]) => String(row[table.columns.indexOf('id')] ?? row[0])
    const theirs = new Map(other.rows.map((row) => [key(row), row]))
    for (const row of table.rows) {
      const match = theirs.get(key(row))
      assert.ok(match, `${name}: row ${key(row)} is missing`)
      row.forEach((cell, i) => assert.ok(sameCell(cell, match[i]), `${name}.${table.columns[i]} of ${key(row)}: ${String(cell).slice(0, 80)} became ${String(match[i]).slice(0, 80)}`))
    }
  }
}

async function pgQuery<T extends pg.QueryResultRow>(database: string, sql: string): Promise<T[]> {
  return adminQuery<T>(sql, [], database)
}

async function prefectRowCount(database: string): Promise<number> {
  const tables = await pgQuery<{name: string}>(database, "select tablename as name from pg_tables where schemaname = 'public' and tablename not in ('alembic_version', 'prefect_migrations')")
  let rows = 0
  for (const {name} of tables) rows += Number((await pgQuery<{n: string}>(database, `select count(*) as n from "${name}"`))[0].n)
  return rows
}

describe('prefect server database copy', function () {
  this.timeout(180_000)

  it('round-trips every table SQLite → PostgreSQL → SQLite with edge-case values, cell by cell, and leaves Prefect\'s schema on both', async () => {
    const source = await headSqlite()
    const counts = fillEveryTable(source.file)
    assert.equal(counts.size, 35)
    const before = sqliteTables(source.file)
    const sourceHash = fileHash(source.file)

    const pgDb = await freshPostgresDatabase()
    const there = await copy(['--to', pgDb.asyncpgUrl], {PREFECT_SERVER_DATABASE_CONNECTION_URL: source.url})
    assert.equal(there.code, 0, there.stderr)
    assert.match(there.stdout, /Copied 105 rows in 35 tables/)
    assert.match(there.stderr, new RegExp(`Source: .*revision ${referenceChain('sqlite').at(-1)!.revision}`))
    assert.match(there.stderr, new RegExp(`Target: .*to be migrated to ${referenceChain('postgresql').at(-1)!.revision}`))
    assert.equal(fileHash(source.file), sourceHash, 'the source file is unchanged')
    assert.equal(dumpDatabase('postgresql', pgDb.url), referenceDump('postgresql', PG_HEAD))

    // What PostgreSQL holds, through a second connection.
    const [log] = await pgQuery<{message: string; ts: string}>(
      pgDb.name,
      "select message, to_char(timestamp at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') as ts from log where message like 'log-message-0 %'",
    )
    assert.equal(log.message, 'log-message-0 quote" apostrophe\' back\\slash \\N tab\tnewline\nCRLF\r\n ünïcødé 😀 \u0001ctl')
    assert.equal(log.ts, '1970-01-01 00:00:00.000001')
    const intervals = await pgQuery<{t: string}>(pgDb.name, 'select total_run_time::text as t from task_run order by 1')
    assert.deepEqual(
      intervals.map((row) => row.t),
      ['00:00:00.000001', '1139567:59:59.999999', '474780:34:56.789012'],
      'SQLAlchemy intervals (epoch + interval) arrive as intervals',
    )
    const big = await pgQuery<{n: number}>(pgDb.name, "select length(message) as n from log where message like 'log-message-2 %'")
    assert.equal(big[0].n, 'log-message-2 '.length + 50_000 + 30_000)
    const flags = await pgQuery<{id: string; b: boolean}>(pgDb.name, 'select id::text as id, enabled as b from automation order by id')
    const sourceFlags = before.get('automation')!
    const enabled = sourceFlags.columns.indexOf('enabled')
    const id = sourceFlags.columns.indexOf('id')
    assert.deepEqual(flags, [...sourceFlags.rows].sort((a, b) => String(a[id]).localeCompare(String(b[id]))).map((row) => ({id: row[id], b: row[enabled] === 1})))

    const back = freshSqliteFile()
    const home = await copy(['--from', pgDb.asyncpgUrl, '--to', back.url])
    assert.equal(home.code, 0, home.stderr)
    assert.equal(dumpDatabase('sqlite', back.file), referenceDump('sqlite', SQLITE_HEAD))
    assertSameRows(before, sqliteTables(back.file))
  })

  it('copies PostgreSQL → PostgreSQL and SQLite → SQLite, and prints the verification as data with --json', async () => {
    const source = await headSqlite()
    fillEveryTable(source.file)
    const other = new Database(source.file)
    other.exec("create table customers (id integer primary key, name text); insert into customers (name) values ('not Prefect''s')")
    other.close()
    const copyOfFile = freshSqliteFile()
    const local = await copy(['--from', source.url, '--to', copyOfFile.url, '--json'])
    assert.equal(local.code, 0, local.stderr)
    const result = JSON.parse(local.stdout) as {tables: Array<{table: string; sourceRows: number; targetRows: number; match: boolean}>; rows: number; otherTables: string[]}
    assert.deepEqual(result.otherTables, ['customers'], 'other tables are listed')
    assert.ok(!sqliteTables(copyOfFile.file).has('customers'), 'and left alone')
    assert.equal(result.tables.length, 35)
    assert.ok(result.tables.every((table) => !(table as {strict?: boolean}).strict), 'the fast hashes agreed: no table needed the second opinion')
    assert.ok(result.tables.every((table) => table.match && table.sourceRows === ROWS_PER_TABLE && table.targetRows === ROWS_PER_TABLE))
    assert.equal(local.stderr, '', 'nothing but the JSON under --json')
    const sourceTables = sqliteTables(source.file)
    sourceTables.delete('customers')
    assertSameRows(sourceTables, sqliteTables(copyOfFile.file))

    const first = await freshPostgresDatabase()
    const toPg = await copy(['--from', source.url, '--to', first.asyncpgUrl, '--json'])
    assert.equal(toPg.code, 0, toPg.stderr)
    const second = await freshPostgresDatabase()
    const across = await copy(['--from', first.asyncpgUrl, '--to', second.asyncpgUrl, '--json'])
    assert.equal(across.code, 0, across.stderr)
    for (const run of [toPg, across]) {
      const tables = (JSON.parse(run.stdout) as {tables: Array<{table: string; strict: boolean; match: boolean; verifiedBy: string}>}).tables
      assert.deepEqual(tables.filter((table) => table.strict || !table.match).map((table) => table.table), [], 'every table verified by the fast hashes')
      // Loaded in COPY's binary format, and the server holds the very tuples sent (jsonb as jsonbText printed it).
      assert.deepEqual(tables.filter((table) => table.verifiedBy !== 'tuples').map((table) => table.table), [], 'every table verified tuple by tuple')
    }

    assert.equal(await prefectRowCount(second.name), 105)
    assert.equal(dumpDatabase('postgresql', second.url), referenceDump('postgresql', PG_HEAD))
    const sample = "select id::text, tags::text, created::text, total_run_time::text from flow_run order by id"
    assert.deepEqual(await pgQuery(second.name, sample), await pgQuery(first.name, sample))
  })

  it('copies an older revision at its counterpart, and --upgrade takes the target to head afterwards', async () => {
    const source = freshSqliteFile()
    const release = '2.14.0'
    assert.equal((await runCli(['server', 'database', 'upgrade', '-y', '-r', release], {env: {PREFECT_SERVER_DATABASE_CONNECTION_URL: source.url}})).code, 0)
    const db = new Database(source.file)
    db.prepare("insert into flow (id, name, tags) values ('7f1e8a60-0000-4000-8000-000000000001', 'old flow', '[\"x\"]')").run()
    db.close()
    const target = await freshPostgresDatabase()
    const result = await copy(['--from', source.url, '--to', target.asyncpgUrl, '--upgrade', '--json'])
    assert.equal(result.code, 0, result.stderr)
    const facts = JSON.parse(result.stdout) as {source: {revision: string}; target: {revision: string; final: string}}
    assert.equal(facts.target.final, referenceChain('postgresql').at(-1)!.revision)
    assert.notEqual(facts.target.revision, facts.target.final)
    assert.deepEqual(await pgQuery(target.name, 'select name, tags::text from flow'), [{name: 'old flow', tags: '["x"]'}])
    assert.equal(dumpDatabase('postgresql', target.url), referenceDump('postgresql', PG_HEAD))
  })

  it('refuses, changing nothing on either side: a target holding rows, the same database, an unknown revision, a wrong password, no pg_trgm', async () => {
    const source = await headSqlite()
    fillEveryTable(source.file)
    const sourceHash = fileHash(source.file)

    const full = await headSqlite()
    fillEveryTable(full.file, 2)
    const fullHash = fileHash(full.file)
    const notEmpty = await copy(['--from', source.url, '--to', full.url])
    assert.equal(notEmpty.code, 16, notEmpty.stderr)
    assert.match(notEmpty.stderr, /is not empty: 35 of Prefect's tables hold rows/)
    assert.equal(notEmpty.stderr.trim().split('\n').length, 1, notEmpty.stderr)
    assert.equal(fileHash(full.file), fullHash)

    const same = await copy(['--from', source.url, '--to', source.url.replace('sqlite+aiosqlite:///', 'sqlite:///')])
    assert.equal(same.code, 16, same.stderr)
    assert.match(same.stderr, /the same database/)
    const pgSource = await freshPostgresDatabase()
    assert.equal((await copy(['--from', source.url, '--to', pgSource.asyncpgUrl])).code, 0)
    const samePg = await copy(['--from', pgSource.asyncpgUrl, '--to', pgSource.asyncpgUrl.replace('127.0.0.1', 'localhost')])
    assert.equal(samePg.code, 16, samePg.stderr)

    const newer = await headSqlite()
    const handle = new Database(newer.file)
    handle.prepare("update alembic_version set version_num = 'ffffffffffff'").run()
    handle.close()
    const target = await freshPostgresDatabase()
    const unknown = await copy(['--from', newer.url, '--to', target.asyncpgUrl])
    assert.equal(unknown.code, 9, unknown.stderr)
    assert.match(unknown.stderr, /ffffffffffff, which this tool does not know/)

    // A source whose tables are not its revision's schema (drift): exit 17 before a row is written.
    const drifted = await headSqlite()
    fillEveryTable(drifted.file, 2)
    const alter = new Database(drifted.file)
    alter.exec('alter table flow add column extra text')
    alter.close()
    const driftTarget = await freshPostgresDatabase()
    const mismatch = await copy(['--from', drifted.url, '--to', driftTarget.asyncpgUrl])
    assert.equal(mismatch.code, 17, mismatch.stderr)
    assert.match(mismatch.stderr, /flow\.extra is not in the target's schema/)
    assert.equal(await prefectRowCount(driftTarget.name), 0)

    const wrong = new URL(target.asyncpgUrl)
    wrong.password = 'not-the-password'
    const refused = await copy(['--from', source.url, '--to', wrong.toString()])
    assert.equal(refused.code, 4, refused.stderr)
    assert.match(refused.stderr, /authentication failed/)
    assert.doesNotMatch(refused.stderr, /not-the-password/)

    // A role that may create tables but not the pg_trgm extension.
    const role = `r_${crypto.randomBytes(4).toString('hex')}`
    await adminQuery(`CREATE ROLE ${role} LOGIN PASSWORD '${TEST_PASSWORD}'`)
    await adminQuery(`GRANT CREATE ON SCHEMA public TO ${role}`, [], target.name)
    const limited = new URL(target.asyncpgUrl)
    limited.username = role
    const noTrgm = await copy(['--from', source.url, '--to', limited.toString()])
    assert.equal(noTrgm.code, 5, noTrgm.stderr)
    assert.match(noTrgm.stderr, /pg_trgm/)

    assert.deepEqual(await pgQuery(target.name, "select tablename from pg_tables where schemaname = 'public'"), [], 'nothing was created')
    assert.equal(fileHash(source.file), sourceHash)
    for (const result of [notEmpty, same, samePg, unknown, mismatch, refused, noTrgm]) assert.doesNotMatch(result.stderr, /\n\s+at /, 'no stack trace')
  })

  it('survives a kill and a lost connection during a large table: the target holds no rows, looks empty, and the next copy completes; the source is untouched', async () => {
    const source = await headSqlite()
    fillEveryTable(source.file, 2)
    const db = new Database(source.file)
    db.exec(`with recursive n(i) as (select 1 union all select i + 1 from n where i < 150000)
      insert into log (id, name, level, flow_run_id, task_run_id, message, timestamp)
      select printf('%08x-0000-4000-8000-%012x', i, i), 'prefect.flow_runs', 20, (select id from flow_run), null,
             'a log line of a realistic length, number ' || i || ' ' || hex(randomblob(60)), strftime('%Y-%m-%d %H:%M:%f000', 'now')
      from n`)
    db.close()
    const sourceHash = fileHash(source.file)
    const target = await freshPostgresDatabase()

    const child = spawn(process.execPath, [BIN, 'server', 'database', 'copy', '--from', source.url, '--to', target.asyncpgUrl], {
      env: {...process.env, HOME: tempDir('user-home-'), PREFECT_HOME: tempHome(), PREFECT_SERVER_DATABASE_PASSWORD: TEST_PASSWORD},
      stdio: 'ignore',
    })
    const exited = new Promise((resolve) => child.on('exit', resolve))
    const deadline = Date.now() + 60_000
    let copying = false
    while (!copying && Date.now() < deadline) {
      const active = await adminQuery<{query: string}>("select query from pg_stat_activity where datname = $1 and query ilike 'copy \"log\"%'", [target.name])
      copying = active.length > 0
      if (!copying) await new Promise((resolve) => setTimeout(resolve, 20))
    }

    assert.ok(copying, 'the copy reached the log table')
    await new Promise((resolve) => setTimeout(resolve, 300))
    child.kill('SIGKILL')
    await exited

    // The load's transaction died with the process: migrated, and empty.
    const version = await pgQuery<{v: string}>(target.name, 'select version_num as v from alembic_version')
    assert.equal(version[0].v, referenceChain('postgresql').at(-1)!.revision)
    for (let i = 0; i < 50 && (await adminQuery("select 1 from pg_stat_activity where datname = $1 and state <> 'idle' and pid <> pg_backend_pid()", [target.name])).length > 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100))
    }

    assert.equal(await prefectRowCount(target.name), 0)
    assert.equal(fileHash(source.file), sourceHash, 'the source file is unchanged by the killed run')

    // The next run loses its connection in the middle of the same table: one line, exit 4, nothing committed.
    const lost = copy(['--from', source.url, '--to', target.asyncpgUrl])
    let terminated = false
    for (const stop = Date.now() + 60_000; !terminated && Date.now() < stop; ) {
      const killed = await adminQuery<{ok: boolean}>("select pg_terminate_backend(pid) as ok from pg_stat_activity where datname = $1 and query ilike 'copy \"log\"%'", [target.name])
      terminated = killed.some((row) => row.ok)
      if (!terminated) await new Promise((resolve) => setTimeout(resolve, 20))
    }

    assert.ok(terminated, 'the second copy reached the log table')
    const cut = await lost
    assert.equal(cut.code, 4, cut.stderr)
    assert.equal(cut.stderr.trim().split('\n').filter((line) => !/^(Source|Target|Migrat|Copying|\d+ tables)/.test(line)).length, 1, cut.stderr)
    assert.doesNotMatch(cut.stderr, /\n\s+at /)
    assert.equal(await prefectRowCount(target.name), 0)

    const again = await copy(['--from', source.url, '--to', target.asyncpgUrl])
    assert.equal(again.code, 0, again.stderr)
    assert.equal(Number((await pgQuery<{n: string}>(target.name, 'select count(*) as n from log'))[0].n), 150_002)
    assert.equal(fileHash(source.file), sourceHash)
  })

  it('copies one consistent snapshot while another process writes to the SQLite source', async () => {
    const source = await headSqlite()
    fillEveryTable(source.file, 2)
    const db = new Database(source.file)
    db.pragma('journal_mode = WAL')
    db.exec(`with recursive n(i) as (select 1 union all select i + 1 from n where i < 50000)
      insert into log (id, name, level, message, timestamp)
      select printf('%08x-0000-4000-8000-%012x', i, i), 'w', 20, 'line ' || i, strftime('%Y-%m-%d %H:%M:%f000', 'now') from n`)
    const target = await freshPostgresDatabase()
    const running = copy(['--from', source.url, '--to', target.asyncpgUrl])
    // Another writer goes on inserting logs (one row per transaction) while the copy reads.
    let written = 0
    let done = false
    void running.then(() => (done = true))
    const insert = db.prepare("insert into log (id, name, level, message, timestamp) values (?, 'w', 20, 'written during the copy', strftime('%Y-%m-%d %H:%M:%f000', 'now'))")
    while (!done) {
      insert.run(crypto.randomUUID())
      written++
      await new Promise((resolve) => setTimeout(resolve, 2))
    }

    const result = await running
    db.close()
    assert.equal(result.code, 0, result.stderr)
    assert.ok(written > 10, `the writer wrote ${written} rows during the copy`)
    const copied = Number((await pgQuery<{n: string}>(target.name, 'select count(*) as n from log'))[0].n)
    assert.ok(copied >= 50_002 && copied < 50_002 + written, `a snapshot: ${copied} of ${50_002 + written} rows`)
  })

  it('--switch points the active profile at the target and says how to switch back', async () => {
    const source = await headSqlite()
    const target = await freshPostgresDatabase()
    const home = tempHome()
    const env = {PREFECT_HOME: home}
    assert.equal((await runCli(['config', 'set', `PREFECT_SERVER_DATABASE_CONNECTION_URL=${source.url}`], {env})).code, 0)
    const result = await runCli(['server', 'database', 'copy', '--to', target.asyncpgUrl, '--switch'], {env})
    assert.equal(result.code, 0, result.stderr)
    assert.match(result.stdout, new RegExp(`now points PREFECT_SERVER_DATABASE_CONNECTION_URL at postgresql\\+asyncpg://.*/${target.name}\\.`))
    assert.match(result.stdout, new RegExp(`To switch back: prefect config set PREFECT_SERVER_DATABASE_CONNECTION_URL="${source.url.replaceAll('+', '\\+')}"`))
    const profiles = fs.readFileSync(path.join(home, 'profiles.toml'), 'utf8')
    assert.ok(profiles.includes(`PREFECT_SERVER_DATABASE_CONNECTION_URL = "${target.asyncpgUrl}"`), profiles)
  })

  it('shows a bar per large table with rows, rows per second and ETA on a terminal, and none without one', async () => {
    const source = await headSqlite()
    fillEveryTable(source.file, 2)
    const db = new Database(source.file)
    db.exec(`with recursive n(i) as (select 1 union all select i + 1 from n where i < 30000)
      insert into log (id, name, level, message, timestamp) select printf('%08x-0000-4000-8000-%012x', i, i), 'x', 20, 'line ' || i, '2024-01-01 00:00:00.000000' from n`)
    db.close()
    const target = await freshPostgresDatabase()
    const {code, screen} = await runInTerminal(['server', 'database', 'copy', '--from', source.url, '--to', target.asyncpgUrl], {
      env: {PREFECT_SERVER_DATABASE_PASSWORD: TEST_PASSWORD},
      timeoutMs: 120_000,
    })
    assert.equal(code, 0, screen)
    assert.match(screen, /log\s+\|[█░]+\| \d+\/30002 rows \| \d+ rows\/s \| ETA /)
    assert.match(screen, /all tables\s+\|[█░]+\| \d+\/30070 rows/)
    assert.doesNotMatch(screen, /flow_run\s+\|/, 'small tables get no bar')

    const plain = await copy(['--from', source.url, '--to', (await freshPostgresDatabase()).asyncpgUrl])
    assert.equal(plain.code, 0, plain.stderr)
    assert.doesNotMatch(plain.stderr + plain.stdout, /[█░]|rows\/s \| ETA/, 'no bars without a terminal')
  })
})
