import assert from 'node:assert/strict'
import {spawn} from 'node:child_process'
import {setTimeout as delay} from 'node:timers/promises'

import {acquireMigrationLock} from '../../src/db/migration-lock.js'
import {BIN, runCli} from '../harness/cli.js'
import {adminUrl, forEachDialect, withDatabase} from '../harness/databases.js'
import {TEST_PASSWORD} from '../harness/secrets.js'
import {runInTerminal} from '../harness/terminal.js'
import {tempDir, tempHome} from '../harness/tmp.js'
import {freshTarget, query, type TestDatabase} from '../migrator/fixtures.js'
import {buildReferenceDatabase} from '../support/reference-db.js'
import {buildVacuumFixture, connect, FIXTURE_ENV, idsByTable, TABLES, type Fixture, type Table} from '../support/vacuum-fixture.js'

/** `prefect server database vacuum`: the db_vacuum service's rules, once, through the CLI; checked through a second connection. */
function location(db: TestDatabase): string {
  return db.dialect === 'sqlite' ? db.file! : withDatabase(adminUrl(), db.name!)
}

function env(db: TestDatabase, more: Record<string, string> = {}) {
  return {PREFECT_SERVER_DATABASE_CONNECTION_URL: db.url, ...FIXTURE_ENV, ...more}
}

function vacuum(db: TestDatabase, args: string[] = [], more: Record<string, string> = {}) {
  return runCli(['server', 'database', 'vacuum', ...args], {env: env(db, more)})
}

async function filled(dialect: TestDatabase['dialect'], groups: number): Promise<{db: TestDatabase; fixture: Fixture; before: Record<Table, Set<string>>}> {
  const db = await freshTarget(dialect)
  const fixture = await buildVacuumFixture(dialect, location(db), groups)
  return {db, fixture, before: await ids(db)}
}

async function ids(db: TestDatabase): Promise<Record<Table, Set<string>>> {
  const knex = connect(db.dialect, location(db))
  try {
    return await idsByTable(knex)
  } finally {
    await knex.destroy()
  }
}

function sizes(sets: Record<Table, Set<string>>): Record<Table, number> {
  return Object.fromEntries(TABLES.map((table) => [table, sets[table].size])) as Record<Table, number>
}

async function count(db: TestDatabase, sql: string): Promise<number> {
  return Number(Object.values((await query<Record<string, unknown>>(db, sql))[0])[0])
}

const ORPHAN_LOGS = 'select count(*) as n from log l where l.flow_run_id is not null and not exists (select 1 from flow_run f where f.id = l.flow_run_id)'
const ORPHAN_ARTIFACTS = 'select count(*) as n from artifact a where a.flow_run_id is not null and not exists (select 1 from flow_run f where f.id = a.flow_run_id)'

describe('prefect server database vacuum', () => {
  forEachDialect((dialect) => {
    it('deletes exactly the rows the rules select, as many per table as --dry-run counted, and nothing else', async () => {
      const {db, fixture, before} = await filled(dialect, 3)
      const dry = await vacuum(db, ['--dry-run', '--json'])
      assert.equal(dry.code, 0, dry.stderr)
      const planned = JSON.parse(dry.stdout) as {deleted: Record<Table, number>; collectionsRepointed: number; dryRun: boolean}
      assert.equal(planned.dryRun, true)
      assert.deepEqual(planned.deleted, sizes(fixture.doomed))
      assert.equal(planned.collectionsRepointed, fixture.repointed.size)
      assert.deepEqual(await ids(db), before, '--dry-run changes nothing')

      const real = await vacuum(db, ['--json'])
      assert.equal(real.code, 0, real.stderr)
      const done = JSON.parse(real.stdout) as {deleted: Record<Table, number>; collectionsRepointed: number; totalRows: number}
      assert.deepEqual(done.deleted, planned.deleted, 'the real run deletes what the dry run counted')
      assert.equal(done.collectionsRepointed, planned.collectionsRepointed)

      const after = await ids(db)
      for (const table of TABLES) {
        const expected = [...before[table]].filter((id) => !fixture.doomed[table].has(id)).sort()
        assert.deepEqual([...after[table]].sort(), expected, `${table}: exactly the selected rows are gone`)
      }

      for (const [collection, latest] of fixture.repointed) {
        const [row] = await query<{latest_id: string; data: unknown}>(db, 'select latest_id, data from artifact_collection where id = ?', [collection])
        assert.equal(String(row.latest_id), latest, 're-pointed at the newest artifact left with its key')
        assert.notEqual(JSON.stringify(row.data), JSON.stringify('stale'), "the artifact's fields are copied")
      }

      for (const subflow of fixture.orphanedSubflows) {
        const [row] = await query<{parent_task_run_id: string | null}>(db, 'select parent_task_run_id from flow_run where id = ?', [subflow])
        assert.equal(row.parent_task_run_id, null, 'a running subflow whose parent went stays, top-level')
      }

      // Nothing left to do: a second run deletes nothing; the human summary has no bars off a terminal.
      const again = await vacuum(db)
      assert.equal(again.code, 0, again.stderr)
      assert.match(again.stdout, /^flow_run\s+0$/m)
      assert.match(again.stdout, /Deleted 0 rows/)
      assert.doesNotMatch(again.stderr + again.stdout, /ETA|\u2588/)
    })

    it('--only and --older-than choose what goes; bad input, a foreign or a behind database get one line and change nothing', async () => {
      const {db, fixture, before} = await filled(dialect, 2)
      const events = await vacuum(db, ['--only', 'events', '--json'])
      assert.equal(events.code, 0, events.stderr)
      const result = JSON.parse(events.stdout) as {kinds: string[]; deleted: Record<Table, number>}
      assert.deepEqual(result.kinds, ['events'])
      assert.deepEqual(result.deleted, {...sizes(Object.fromEntries(TABLES.map((table) => [table, new Set()])) as Record<Table, Set<string>>), events: fixture.doomed.events.size, event_resources: fixture.doomed.event_resources.size})
      // --older-than 12h: the recent runs (10 days) and events (1 day) qualify too.
      const wider = await vacuum(db, ['--only', 'flow-runs,events', '--older-than', '12h', '--dry-run', '--json'])
      assert.equal(wider.code, 0, wider.stderr)
      const counted = JSON.parse(wider.stdout) as {deleted: Record<Table, number>}
      assert.ok(counted.deleted.flow_run > fixture.doomed.flow_run.size, JSON.stringify(counted.deleted))
      assert.ok(counted.deleted.events > 0)

      const remaining = await ids(db)
      for (const [args, code, pattern] of [
        [['--older-than', '10x'], 2, /--older-than: '10x' is not a duration/],
        [['--older-than', '30m'], 2, /shorter than one hour/],
        [['--only', 'logs'], 2, /--only/],
      ] as const) {
        const bad = await vacuum(db, [...args])
        assert.equal(bad.code, code, bad.stderr)
        assert.match(bad.stderr, pattern)
        assert.equal(bad.stderr.trim().split('\n').length, 1, bad.stderr)
        assert.doesNotMatch(bad.stderr, /at .*\.js:\d+/)
      }

      assert.deepEqual(await ids(db), remaining, 'bad input changes nothing')
      assert.notDeepEqual(remaining, before)

      const foreign = await freshTarget(dialect)
      await query(foreign, 'CREATE TABLE customers (id integer)')
      const notPrefect = await vacuum(foreign)
      assert.equal(notPrefect.code, 25, notPrefect.stderr)
      assert.match(notPrefect.stderr, /not a Prefect database/)

      const behind = await freshTarget(dialect)
      await buildReferenceDatabase(dialect, location(behind), 40)
      const old = await vacuum(behind, ['--only', 'events'])
      assert.equal(old.code, 26, old.stderr)
      assert.match(old.stderr, /lacks what vacuum deletes from \(events, event_resources\).*upgrade -y/)
    })

    it('a SIGKILL mid-run leaves no orphans and no half-deleted run; the next run finishes the job', async () => {
      const {db, fixture, before} = await filled(dialect, 150)
      const child = spawn(process.execPath, [BIN, 'server', 'database', 'vacuum', '--only', 'flow-runs'], {
        env: {PATH: process.env.PATH ?? '', HOME: tempDir('user-home-'), PREFECT_HOME: tempHome(), PREFECT_SERVER_SERVICES_DB_VACUUM_BATCH_SIZE: '1', ...env(db)},
        stdio: 'ignore',
      })
      const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)))
      const total = before.flow_run.size
      let left = total
      for (let i = 0; i < 600 && left === total; i++) {
        await delay(10)
        left = await count(db, 'select count(*) as n from flow_run')
      }

      child.kill('SIGKILL')
      assert.equal(await exited, 'SIGKILL')
      left = await count(db, 'select count(*) as n from flow_run')
      assert.ok(left < total && left > total - fixture.doomed.flow_run.size, `killed mid-run: ${left} of ${total} flow runs left`)

      // No orphans: only the fixture's own orphaned logs and artifacts (which --only flow-runs keeps).
      assert.equal(await count(db, ORPHAN_LOGS), fixture.orphans.log.size)
      assert.equal(await count(db, ORPHAN_ARTIFACTS), fixture.orphans.artifact.size)
      assert.equal(await count(db, 'select count(*) as n from task_run t where not exists (select 1 from flow_run f where f.id = t.flow_run_id)'), 0)
      assert.equal(await count(db, 'select count(*) as n from flow_run_state s where not exists (select 1 from flow_run f where f.id = s.flow_run_id)'), 0)
      assert.equal(await count(db, 'select count(*) as n from task_run_state s where not exists (select 1 from task_run t where t.id = s.task_run_id)'), 0)
      // Each old run still there is whole.
      const runs = (await query<{id: string}>(db, 'select id from flow_run')).map((row) => String(row.id))
      // (The first two also carry the ka and kb collection artifacts.)
      const whole = fixture.plainOldRuns.slice(2).filter((id) => runs.includes(id))
      assert.ok(whole.length > 0)
      for (const id of whole) {
        const children = await query<Record<string, unknown>>(db, `select
          (select count(*) from flow_run_state where flow_run_id = ?) as states, (select count(*) from flow_run_input where flow_run_id = ?) as inputs,
          (select count(*) from task_run where flow_run_id = ?) as task_runs, (select count(*) from log where flow_run_id = ?) as logs,
          (select count(*) from artifact where flow_run_id = ?) as artifacts`, [id, id, id, id, id])
        assert.deepEqual(Object.values(children[0]).map(Number), [2, 1, 2, 3, 1], `run ${id} is whole`)
      }

      const rest = await vacuum(db, ['--only', 'flow-runs'])
      assert.equal(rest.code, 0, rest.stderr)
      const after = await ids(db)
      for (const table of ['flow_run', 'task_run', 'task_run_state', 'flow_run_state', 'log'] as const) {
        const expected = [...before[table]].filter((id) => !fixture.doomed[table].has(id) || fixture.orphans[table].has(id))
        assert.equal(after[table].size, expected.length, table)
      }
    })

    it('never runs during a migration: waits for the migration lock, then gives up with exit 6, changing nothing', async () => {
      const {db, before} = await filled(dialect, 1)
      const lock = await acquireMigrationLock(db.target, {timeoutSeconds: 1, action: 'upgrade'})
      try {
        const blocked = await vacuum(db, ['--lock-timeout', '1'])
        assert.equal(blocked.code, 6, blocked.stderr)
        assert.match(blocked.stderr, /Waiting up to 1 s for the migration lock.*prefect-dbadmin upgrade/)
      } finally {
        await lock.release()
      }

      assert.deepEqual(await ids(db), before)
      const free = await vacuum(db, ['--dry-run'])
      assert.equal(free.code, 0, free.stderr)
    })
  })

  it('shows a bar per table with rows, rows per second and ETA on a terminal', async () => {
    const {db} = await filled('sqlite', 20)
    const {code, screen} = await runInTerminal(['server', 'database', 'vacuum'], {
      env: {PREFECT_SERVER_DATABASE_PASSWORD: TEST_PASSWORD, ...env(db, {PREFECT_SERVER_SERVICES_DB_VACUUM_BATCH_SIZE: '2'})},
      timeoutMs: 120_000,
    })
    assert.equal(code, 0, screen)
    assert.match(screen, /flow_run\s+\|[█░]+\| \d+\/\d+ rows \| [\d,…]+ rows\/s \| ETA /)
    assert.match(screen, /task_run_state\s+\|/)
    assert.match(screen, /Deleted \d[\d,]* rows in/)
  })
})
