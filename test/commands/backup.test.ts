import assert from 'node:assert/strict'
import {spawn} from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

import Database from 'better-sqlite3'

import {contentHashes} from '../../src/copy/hashes.js'
import {parseDatabaseUrl} from '../../src/db/url.js'
import {BIN, runCli} from '../harness/cli.js'
import {adminQuery, freshPostgresDatabase, freshSqliteFile} from '../harness/databases.js'
import {TEST_PASSWORD} from '../harness/secrets.js'
import {tempDir, tempHome} from '../harness/tmp.js'
import {fillEveryTable} from '../support/copy-fixture.js'
import {referenceChain} from '../support/reference-schema.js'

/** backup, restore and backups through the built CLI, on real SQLite files and the real PostgreSQL, checked through second connections. */

function db(args: string[], url: string, home: string, extra: Record<string, string> = {}) {
  return runCli(['server', 'database', ...args], {env: {PREFECT_SERVER_DATABASE_CONNECTION_URL: url, PREFECT_HOME: home, ...extra}, timeoutMs: 120_000})
}

/** Counts and hashes of every Prefect table, read by this process on its own connection. */
async function content(url: string): Promise<Array<{table: string; rows: number; hash: string}>> {
  const target = parseDatabaseUrl(url)
  if (target.dialect === 'postgresql') target.password ??= TEST_PASSWORD
  return (await contentHashes(target)).tables
}

async function filledSqlite(logs = 0): Promise<{file: string; url: string}> {
  const source = freshSqliteFile()
  const up = await db(['upgrade', '-y'], source.url, tempHome())
  assert.equal(up.code, 0, up.stderr)
  fillEveryTable(source.file, 2)
  if (logs > 0) {
    const handle = new Database(source.file)
    handle.exec(`with recursive n(i) as (select 1 union all select i + 1 from n where i < ${logs})
      insert into log (id, name, level, message, timestamp)
      select printf('%08x-0000-4000-8000-%012x', i, i), 'w', 20, 'line ' || i || ' ' || hex(randomblob(40)), strftime('%Y-%m-%d %H:%M:%f000', 'now') from n`)
    handle.close()
  }

  return source
}

function fileHash(file: string): string {
  return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex')
}

/** The backup path a run printed ("To restore it: prefect server database restore "<path>""). */
function printedBackup(output: string): string {
  const match = /restore "([^"]+)"/.exec(output)
  assert.ok(match, `no backup path in: ${output}`)
  return match[1]
}

async function prefectRows(database: string): Promise<number> {
  const tables = await adminQuery<{name: string}>("select tablename as name from pg_tables where schemaname = 'public' and tablename not in ('alembic_version', 'prefect_migrations')", [], database)
  let rows = 0
  for (const {name} of tables) rows += Number((await adminQuery<{n: string}>(`select count(*) as n from "${name}"`, [], database))[0].n)
  return rows
}

describe('prefect server database backup / restore / backups', function () {
  this.timeout(120_000)

  it('backs up a SQLite database while another connection writes to it: one consistent snapshot, described by its sidecar', async () => {
    const source = await filledSqlite(20_000)
    const writer = new Database(source.file)
    writer.pragma('journal_mode = WAL')
    const home = tempHome()
    const running = db(['backup'], source.url, home)
    let done = false
    void running.then(() => (done = true))
    // Each transaction adds a flow and a log line that names it: a torn copy would hold one without the other.
    const pair = writer.transaction((i: number) => {
      const id = crypto.randomUUID()
      writer.prepare("insert into flow (id, name, tags) values (?, ?, '[]')").run(id, `written-${i}`)
      writer.prepare("insert into log (id, name, level, message, timestamp) values (?, 'pair', 20, ?, strftime('%Y-%m-%d %H:%M:%f000', 'now'))").run(crypto.randomUUID(), id)
    })
    let written = 0
    while (!done) {
      pair(written++)
      await new Promise((resolve) => setTimeout(resolve, 1))
    }

    const result = await running
    writer.close()
    assert.equal(result.code, 0, result.stderr)
    assert.ok(written > 5, `the writer wrote ${written} pairs during the backup`)
    const file = printedBackup(result.stdout)
    assert.equal(path.dirname(file), path.join(home, 'backups'))
    assert.match(path.basename(file), new RegExp(`^prefect-${referenceChain('sqlite').at(-1)!.revision}-\\d{8}T\\d{6}Z\\.db$`))
    const copy = new Database(file, {readonly: true})
    assert.equal(copy.pragma('integrity_check', {simple: true}), 'ok')
    assert.equal(copy.pragma('journal_mode', {simple: true}), 'delete')
    const flows = Number(copy.prepare("select count(*) from flow where name like 'written-%'").pluck().get())
    const logs = Number(copy.prepare("select count(*) from log where name = 'pair'").pluck().get())
    copy.close()
    assert.equal(flows, logs, 'every pair whole or absent')
    const sidecar = JSON.parse(fs.readFileSync(`${file}.json`, 'utf8')) as {source: {dialect: string; revision: string}; tables: Array<{table: string; rows: number; hash: string}>; sha256: string}
    assert.equal(sidecar.source.dialect, 'sqlite')
    assert.deepEqual(sidecar.tables, await content(`sqlite:///${file}`))
    assert.equal(sidecar.sha256, fileHash(file))
    assert.deepEqual(fs.readdirSync(path.dirname(file)).sort(), [path.basename(file), `${path.basename(file)}.json`], 'nothing else left behind')
  })

  it('restores across dialects, SQLite → PostgreSQL → SQLite, every count and hash equal through a second connection', async () => {
    const source = await filledSqlite()
    const original = await content(source.url)
    const home = tempHome()
    const file = path.join(tempDir('backup-'), 'mine.db')
    assert.equal((await db(['backup', file], source.url, home)).code, 0)

    const pg = await freshPostgresDatabase()
    const into = await db(['restore', file], pg.asyncpgUrl, home)
    assert.equal(into.code, 0, into.stderr)
    assert.match(into.stdout, /every table's count and hash match the backup's/)
    assert.deepEqual(await content(pg.url), original)
    const [version] = await adminQuery<{v: string}>('select version_num as v from alembic_version', [], pg.name)
    assert.equal(version.v, referenceChain('postgresql').at(-1)!.revision)

    const pgBackup = await db(['backup', '--json'], pg.asyncpgUrl, home)
    assert.equal(pgBackup.code, 0, pgBackup.stderr)
    const taken = JSON.parse(pgBackup.stdout) as {path: string; manifest: {source: {dialect: string}}}
    assert.equal(taken.manifest.source.dialect, 'postgresql')
    assert.doesNotMatch(fs.readFileSync(`${taken.path}.json`, 'utf8'), new RegExp(TEST_PASSWORD), 'no password in the sidecar')
    const back = freshSqliteFile()
    const home2 = await db(['restore', taken.path], back.url, home)
    assert.equal(home2.code, 0, home2.stderr)
    assert.deepEqual(await content(back.url), original)

    const listed = await db(['backups', '--json'], back.url, home)
    const list = JSON.parse(listed.stdout) as {backups: Array<{path: string; revision: string; bytes: number}>}
    assert.deepEqual(list.backups.map((entry) => entry.path), [taken.path])
    assert.equal(list.backups[0].revision, referenceChain('postgresql').at(-1)!.revision)
  })

  it('a restore killed while it loads leaves the target empty (after backing it up), and the next restore completes', async () => {
    const source = await filledSqlite(60_000)
    const home = tempHome()
    const file = path.join(tempDir('backup-'), 'big.db')
    assert.equal((await db(['backup', file], source.url, home)).code, 0)
    const original = await content(source.url)

    // A PostgreSQL target that already holds other rows.
    const target = await freshPostgresDatabase()
    const small = await filledSqlite()
    assert.equal((await runCli(['server', 'database', 'copy', '--from', small.url, '--to', target.asyncpgUrl])).code, 0)
    const before = await prefectRows(target.name)
    assert.ok(before > 0)
    const child = spawn(process.execPath, [BIN, 'server', 'database', 'restore', file, '-y', '--backup'], {
      env: {...process.env, HOME: tempDir('user-home-'), PREFECT_HOME: home, PREFECT_SERVER_DATABASE_CONNECTION_URL: target.asyncpgUrl, PREFECT_SERVER_DATABASE_PASSWORD: TEST_PASSWORD},
      stdio: 'ignore',
    })
    const exited = new Promise((resolve) => child.on('exit', resolve))
    let loading = false
    for (const deadline = Date.now() + 60_000; !loading && Date.now() < deadline; ) {
      loading = (await adminQuery("select 1 from pg_stat_activity where datname = $1 and query ilike 'copy \"log\"%'", [target.name])).length > 0
      if (!loading) await new Promise((resolve) => setTimeout(resolve, 20))
    }

    assert.ok(loading, 'the restore reached the log table')
    child.kill('SIGKILL')
    await exited
    for (let i = 0; i < 50 && (await adminQuery("select 1 from pg_stat_activity where datname = $1 and state <> 'idle' and pid <> pg_backend_pid()", [target.name])).length > 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100))
    }

    assert.equal(await prefectRows(target.name), 0, 'empty, not half loaded')
    const automatic = fs.readdirSync(path.join(home, 'backups')).filter((name) => name.endsWith('.db'))
    assert.equal(automatic.length, 1, 'the target was backed up before it was emptied')

    const again = await db(['restore', file], target.asyncpgUrl, home)
    assert.equal(again.code, 0, again.stderr)
    assert.deepEqual(await content(target.url), original)
    assert.equal(fs.readFileSync(path.join(home, 'backups', `${automatic[0]}.json`), 'utf8').includes('"automatic": "restore"'), true)
    // The automatic backup holds what the target held before.
    const old = freshSqliteFile()
    assert.equal((await db(['restore', path.join(home, 'backups', automatic[0])], old.url, home)).code, 0)
    assert.deepEqual(await content(old.url), await content(small.url))
  })

  it('reset and a downgrade that drops data back the database up first; each backup restores what was there', async () => {
    const source = await filledSqlite()
    const original = await content(source.url)
    const home = tempHome()
    const reset = await db(['reset', '-y'], source.url, home)
    assert.equal(reset.code, 0, reset.stderr)
    assert.match(reset.stdout, /^Downgrading database\.\.\.\nUpgrading database\.\.\.$/m)
    const beforeReset = printedBackup(reset.stderr)
    assert.ok((await content(source.url)).every((table) => table.rows === 0))
    const afterReset = await db(['reset', '-y'], source.url, home)
    assert.doesNotMatch(afterReset.stderr, /Backed up/, 'an empty database needs no backup')
    const restored = await db(['restore', beforeReset], source.url, home)
    assert.equal(restored.code, 0, restored.stderr)
    assert.deepEqual(await content(source.url), original)

    // Below bb2345678901 automation.tags goes, and the fixture's automations hold rows.
    const down = await db(['downgrade', '-y', '-r', '3c841a1800a1'], source.url, home)
    assert.equal(down.code, 0, down.stderr)
    assert.match(down.stderr, /The downgrade drops data \(/)
    const beforeDowngrade = printedBackup(down.stderr)
    const back = await db(['restore', beforeDowngrade, '-y', '--no-backup'], source.url, home)
    assert.equal(back.code, 0, back.stderr)
    assert.deepEqual(await content(source.url), original)

    const small = await db(['downgrade', '-y', '-r', '-1', '--no-backup'], source.url, home)
    assert.doesNotMatch(small.stderr, /Backed up/)
    const listed = await db(['backups'], source.url, home)
    assert.match(listed.stdout, /before reset/)
    assert.match(listed.stdout, /before downgrade/)
    const kept = await db(['backups', '--keep', '1'], source.url, home)
    assert.equal(kept.code, 0, kept.stderr)
    assert.deepEqual(fs.readdirSync(path.join(home, 'backups')).sort(), [path.basename(beforeDowngrade), `${path.basename(beforeDowngrade)}.json`])
  })

  it('refuses bad backups in one line with its exit code, changing nothing; a failed automatic backup stops reset (20)', async () => {
    const source = await filledSqlite()
    const home = tempHome()
    const dir = tempDir('backup-')
    const file = path.join(dir, 'good.db')
    assert.equal((await db(['backup', file], source.url, home)).code, 0)
    const target = await filledSqlite()
    const targetHash = fileHash(target.file)
    const attempt = (backup: string) => db(['restore', backup, '-y'], target.url, home)

    const missing = await attempt(path.join(dir, 'nope.db'))
    fs.copyFileSync(file, path.join(dir, 'alone.db'))
    const noSidecar = await attempt(path.join(dir, 'alone.db'))
    fs.copyFileSync(file, path.join(dir, 'damaged.db'))
    fs.copyFileSync(`${file}.json`, path.join(dir, 'damaged.db.json'))
    const damaged = fs.openSync(path.join(dir, 'damaged.db'), 'r+')
    fs.writeSync(damaged, Buffer.from('garbage!'), 0, 8, 4096 * 3)
    fs.closeSync(damaged)
    const corrupt = await attempt(path.join(dir, 'damaged.db'))
    fs.copyFileSync(file, path.join(dir, 'badjson.db'))
    fs.writeFileSync(path.join(dir, 'badjson.db.json'), '{"format": ')
    const badJson = await attempt(path.join(dir, 'badjson.db'))
    fs.copyFileSync(file, path.join(dir, 'future.db'))
    const manifest = JSON.parse(fs.readFileSync(`${file}.json`, 'utf8')) as {source: {revision: string}; fileRevision: string}
    manifest.source.revision = 'ffffffffffff'
    manifest.fileRevision = 'ffffffffffff'
    fs.writeFileSync(path.join(dir, 'future.db.json'), JSON.stringify(manifest))
    const future = await attempt(path.join(dir, 'future.db'))

    const expected: Array<[typeof missing, number, RegExp]> = [
      [missing, 21, /There is no backup at/],
      [noSidecar, 21, /has no .*\.json beside it/],
      [corrupt, 22, /does not match its sidecar/],
      [badJson, 22, /is not valid JSON/],
      [future, 23, /revision ffffffffffff, which this tool does not know/],
    ]
    for (const [result, code, message] of expected) {
      assert.equal(result.code, code, result.stderr)
      assert.match(result.stderr, message)
      assert.equal(result.stderr.trim().split('\n').length, 1, result.stderr)
    }

    assert.equal(fileHash(target.file), targetHash, 'the target is unchanged')
    assert.equal(fs.existsSync(path.join(home, 'backups')), false, 'no automatic backup for a refused restore')

    // A home where the backups directory cannot be made: the reset stops before it drops anything.
    const blocked = tempHome()
    fs.mkdirSync(blocked, {recursive: true})
    fs.writeFileSync(path.join(blocked, 'backups'), 'a file in the way')
    const stopped = await db(['reset', '-y'], target.url, blocked)
    assert.equal(stopped.code, 20, stopped.stderr)
    assert.match(stopped.stderr, /The backup before reset failed, so nothing was changed/)
    assert.equal(fileHash(target.file), targetHash)
    assert.equal((await db(['reset', '-y', '--no-backup'], target.url, blocked)).code, 0)
  })

  it('--format pg_dump: a PostgreSQL backup in pg_dump\'s format restores onto PostgreSQL with every count and hash', async () => {
    const source = await filledSqlite()
    const original = await content(source.url)
    const pg = await freshPostgresDatabase()
    assert.equal((await runCli(['server', 'database', 'copy', '--from', source.url, '--to', pg.asyncpgUrl])).code, 0)
    const home = tempHome()
    const file = path.join(tempDir('backup-'), 'prefect.dump')
    const dumped = await db(['backup', file, '--format', 'pg_dump'], pg.asyncpgUrl, home)
    assert.equal(dumped.code, 0, dumped.stderr)
    const manifest = JSON.parse(fs.readFileSync(`${file}.json`, 'utf8')) as {kind: string}
    assert.equal(manifest.kind, 'pg_dump')
    const target = await freshPostgresDatabase()
    const restored = await db(['restore', file], target.asyncpgUrl, home)
    assert.equal(restored.code, 0, restored.stderr)
    assert.deepEqual(await content(target.url), original)
  })

  it('a sidecar whose hashes the restored rows do not match: exit 24, and the database is emptied again, as the line says', async () => {
    const source = await filledSqlite()
    const home = tempHome()
    const file = path.join(tempDir('backup-'), 'tampered.db')
    assert.equal((await db(['backup', file], source.url, home)).code, 0)
    const sidecar = JSON.parse(fs.readFileSync(`${file}.json`, 'utf8')) as {tables: Array<{table: string; hash: string}>}
    const flow = sidecar.tables.find((table) => table.table === 'flow')!
    flow.hash = flow.hash.replace(/^./, (c) => (c === '0' ? '1' : '0'))
    fs.writeFileSync(`${file}.json`, JSON.stringify(sidecar, null, 2))
    for (const target of [freshSqliteFile().url, (await freshPostgresDatabase()).asyncpgUrl]) {
      const result = await db(['restore', file], target, home)
      assert.equal(result.code, 24, result.stderr)
      assert.match(result.stderr, /do not match the backup's sidecar \(flow\): .* was emptied again/)
      assert.ok((await content(target.replace('postgresql+asyncpg:', 'postgresql:'))).every((table) => table.rows === 0), 'no rows left behind')
    }
  })
})
