/**
 * `npm run bench` (copy): a SQLite database at head with 1,000,000 log rows (~300 bytes each),
 * 100,000 task runs with a state each, 10,000 flow runs and 100,000 events (~2 KB each), copied
 * to PostgreSQL by `prefect server database copy` (whole process, verification included), against
 * the floor of bench/copy-floor.mjs, a plain node script that streams the same rows from
 * better-sqlite3 into COPY FROM STDIN in one transaction, measured in the same run, interleaved.
 * Peak RSS (from /usr/bin/time) at two sizes: the full one and half of it.
 *
 *   BENCH_COPY_SCALE=0.1 BENCH_COPY_RUNS=1 npm run bench   (a quick try)
 *   BENCH_COPY_GENERATE=/tmp/source.db node --import tsx bench/copy.ts   (only the source database)
 */
import fs from 'node:fs'
import path from 'node:path'

import Database from 'better-sqlite3'
import pg from 'pg'

import {PROJECT_ROOT} from '../test/harness/cli.js'
import {startThrowawayPostgres} from '../test/harness/pg-server.js'

import {benchWork, fmt, median, type Run, timed} from './support.js'

const SCALE = Number(process.env.BENCH_COPY_SCALE ?? 1)
const RUNS = Number(process.env.BENCH_COPY_RUNS ?? 3)
const BIN = path.join(PROJECT_ROOT, 'bin', 'run.js')
const FLOOR = path.join(PROJECT_ROOT, 'bench', 'copy-floor.mjs')
const {work, baseEnv} = benchWork('copy')
/** A node script (its path and arguments) as a whole process. */
const timedNode = (args: string[], env: NodeJS.ProcessEnv = baseEnv): Promise<Run> => timed(work, [process.execPath, ...args], env)

async function cli(url: string, ...args: string[]): Promise<void> {
  await timedNode([BIN, ...args], {...baseEnv, PREFECT_SERVER_DATABASE_CONNECTION_URL: url})
}

const id = (kind: number, expr = 'i') => `printf('%08x-0000-4000-8000-%012x', ${expr}, ${kind})`
const series = (count: number) => `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${count})`

/** A SQLite database at head, filled set-based; returns its row count. */
async function generate(file: string, scale: number): Promise<number> {
  await cli(`sqlite+aiosqlite:///${file}`, 'server', 'database', 'upgrade', '-y')
  const flows = 100
  const flowRuns = Math.round(10_000 * scale)
  const taskRuns = Math.round(100_000 * scale)
  const logs = Math.round(1_000_000 * scale)
  const events = Math.round(100_000 * scale)
  const db = new Database(file)
  const now = (offset: string) => `strftime('%Y-%m-%d %H:%M:%f000', 'now', '-' || ${offset} || ' seconds')`
  db.exec('PRAGMA foreign_keys = OFF; BEGIN')
  db.exec(`${series(flows)} INSERT INTO flow (id, name, tags) SELECT ${id(0)}, 'flow-' || i, '["etl", "nightly"]' FROM n`)
  db.exec(`${series(flowRuns)} INSERT INTO flow_run (id, name, flow_id, state_type, state_name, expected_start_time, start_time, end_time, total_run_time, parameters, tags)
    SELECT ${id(1)}, 'run-' || i, ${id(0, `i % ${flows} + 1`)}, 'COMPLETED', 'Completed', ${now('i')}, ${now('i')}, ${now('(i - 5)')},
           '1970-01-01 00:00:05.250000', '{"date": "2024-01-01", "retries": 3, "targets": ["a", "b"]}', '["prod"]' FROM n`)
  db.exec(`${series(taskRuns)} INSERT INTO task_run (id, name, task_key, dynamic_key, flow_run_id, state_type, state_name, state_id, total_run_time, task_inputs)
    SELECT ${id(2)}, 'task-' || i, 'task-' || (i % 20), CAST(i AS TEXT), ${id(1, `i % ${flowRuns} + 1`)}, 'COMPLETED', 'Completed', ${id(3)},
           '1970-01-01 00:00:01.500000', '{"x": [{"input_type": "parameter", "name": "x"}]}' FROM n`)
  db.exec(`${series(taskRuns)} INSERT INTO task_run_state (id, task_run_id, type, name, timestamp, state_details)
    SELECT ${id(3)}, ${id(2)}, 'COMPLETED', 'Completed', ${now('i')}, '{"flow_run_id": "' || ${id(1, `i % ${flowRuns} + 1`)} || '", "cache_key": null}' FROM n`)
  // ~300 bytes a log line, as Prefect's are.
  db.exec(`${series(logs)} INSERT INTO log (id, name, level, flow_run_id, task_run_id, message, timestamp)
    SELECT ${id(4)}, 'prefect.task_runs', 20, ${id(1, `i % ${flowRuns} + 1`)}, ${id(2, `i % ${taskRuns} + 1`)},
           'Finished in state Completed(message=None, type=COMPLETED, result=PersistedResult(storage_key=' || hex(randomblob(40)) || ')) after ' || i || ' ms of work on worker ' || (i % 7), ${now('i')} FROM n`)
  // ~2 KB an event.
  db.exec(`${series(events)} INSERT INTO events (id, occurred, event, resource_id, resource, related_resource_ids, related, payload, received, recorded, follows)
    SELECT ${id(5)}, ${now('i')}, 'prefect.flow-run.Completed', 'prefect.flow-run.' || ${id(1, `i % ${flowRuns} + 1`)},
           '{"prefect.resource.id": "prefect.flow-run.' || i || '", "prefect.resource.name": "run-' || i || '", "prefect.state-name": "Completed", "prefect.state-type": "COMPLETED"}',
           '["prefect.flow.' || (i % 100) || '", "prefect.deployment.' || (i % 30) || '"]',
           '[{"prefect.resource.id": "prefect.flow.' || (i % 100) || '", "prefect.resource.role": "flow"}, {"prefect.resource.id": "prefect.deployment.' || (i % 30) || '", "prefect.resource.role": "deployment"}]',
           '{"intended": {"from": "RUNNING", "to": "COMPLETED"}, "initial_state": {"type": "RUNNING", "name": "Running"}, "validated_state": {"type": "COMPLETED", "name": "Completed", "message": "' || hex(randomblob(700)) || '"}}',
           ${now('i')}, ${now('i')}, NULL FROM n`)
  db.exec('COMMIT')
  const rows = (db.prepare("SELECT (SELECT count(*) FROM flow) + (SELECT count(*) FROM flow_run) + (SELECT count(*) FROM task_run) + (SELECT count(*) FROM task_run_state) + (SELECT count(*) FROM log) + (SELECT count(*) FROM events)").pluck().get() as number)
  db.close()
  return rows
}


async function main(): Promise<void> {
  const server = await startThrowawayPostgres()
  try {
    const admin = new pg.Client({connectionString: server.adminUrl})
    await admin.connect()
    let databases = 0
    const freshTarget = async (migrated: boolean): Promise<{url: string; asyncpg: string}> => {
      const name = `copy_${databases++}`
      await admin.query(`CREATE DATABASE ${name}`)
      const url = server.adminUrl.replace(/\/postgres$/, `/${name}`)
      const asyncpg = url.replace(/^postgresql:/, 'postgresql+asyncpg:')
      if (migrated) await cli(asyncpg, 'server', 'database', 'upgrade', '-y')
      return {url, asyncpg}
    }

    const sizes = [SCALE, SCALE / 2]
    console.log(`copy SQLite → PostgreSQL: ${RUNS} interleaved runs per size; whole processes`)
    console.log('| rows | file | ours: time, rows/s | floor: time, rows/s | ratio (ours/floor throughput) | verification | peak RSS ours / floor |')
    console.log('| --- | --- | --- | --- | --- | --- | --- |')
    for (const scale of sizes) {
      const file = path.join(work, `source-${scale}.db`)
      const rows = await generate(file, scale)
      const ours: Run[] = []
      const floor: Run[] = []
      const verify: number[] = []
      for (let i = 0; i < RUNS; i++) {
        const target = await freshTarget(false)
        const run = await timedNode([BIN, 'server', 'database', 'copy', '--from', `sqlite+aiosqlite:///${file}`, '--to', target.asyncpg, '--json'])
        const result = JSON.parse(run.stdout) as {rows: number; milliseconds: {verify: number}}
        if (result.rows < rows) throw new Error(`copied ${result.rows} of ${rows} rows`)
        ours.push(run)
        verify.push(result.milliseconds.verify)
        const floorTarget = await freshTarget(true)
        floor.push(await timedNode([FLOOR, file, floorTarget.url]))
      }

      const oursMs = median(ours.map((run) => run.wallMs))
      const floorMs = median(floor.map((run) => run.wallMs))
      const spread = (runs: Run[]) => `${(Math.min(...runs.map((r) => r.wallMs)) / 1000).toFixed(1)}–${(Math.max(...runs.map((r) => r.wallMs)) / 1000).toFixed(1)} s`
      const size = `${(fs.statSync(file).size / 1024 / 1024).toFixed(0)} MiB`
      console.log(
        `| ${fmt(rows)} | ${size} | ${(oursMs / 1000).toFixed(1)} s (${spread(ours)}), ${fmt(rows / (oursMs / 1000))} | ${(floorMs / 1000).toFixed(1)} s (${spread(floor)}), ${fmt(rows / (floorMs / 1000))} | ${(floorMs / oursMs).toFixed(2)}× | ${(median(verify) / 1000).toFixed(1)} s (${((median(verify) / oursMs) * 100).toFixed(0)}% of ours) | ${median(ours.map((r) => r.peakRssMb)).toFixed(0)} / ${median(floor.map((r) => r.peakRssMb)).toFixed(0)} MiB |`,
      )
    }

    await admin.end()
  } finally {
    server.destroy()
    fs.rmSync(work, {recursive: true, force: true})
  }
}

// BENCH_COPY_GENERATE=FILE: only write the source database (for profiling by hand).
if (process.env.BENCH_COPY_GENERATE) console.log(await generate(path.resolve(process.env.BENCH_COPY_GENERATE), SCALE))
else await main()
