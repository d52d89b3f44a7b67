/**
 * Part of `npm run bench`: `prefect server database vacuum` deleting 500,000 rows, against a
 * floor measured in the same run: plain `DELETE … WHERE id IN (batch)` loops over the same rows
 * (bench/floor-vacuum.js), one transaction per batch of BATCH_SIZE ids, the ids read up front.
 * A database at head gets 50,000 flow runs, half of them ended 200 days ago, each with 2 states,
 * 4 task runs with a state each and 9 logs (20 rows a run: 500,000 rows to delete, as many kept),
 * generated set-based by the database. Each trial runs on a fresh copy; floor and subject
 * alternate. Reported: whole-process time, rows per second and peak RSS, and their ratios.
 *
 *   BENCH_VACUUM_ROUNDS=1 BENCH_VACUUM_SCALE=0.1 node --import tsx bench/vacuum.ts   (a quick try)
 */
import {spawnSync} from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

import Database from 'better-sqlite3'
import pg from 'pg'

import {PROJECT_ROOT} from '../test/harness/cli.js'
import {startThrowawayPostgres} from '../test/harness/pg-server.js'

import {benchWork, median, timed} from './support.js'

const SCALE = Number(process.env.BENCH_VACUUM_SCALE ?? 1)
const ROUNDS = Number(process.env.BENCH_VACUUM_ROUNDS ?? 2)
const DOOMED_RUNS = Math.round(25_000 * SCALE)
const RUNS = DOOMED_RUNS * 2
const ROWS_PER_RUN = 20
const BATCH_SIZE = 200
const BIN = path.join(PROJECT_ROOT, 'bin', 'run.js')
const FLOOR = path.join(PROJECT_ROOT, 'bench', 'floor-vacuum.js')
const {work, baseEnv} = benchWork('vacuum')

interface Trial {
  ms: number
  rssMb: number
  rows: number
}

/** A command as a whole process: wall time, peak RSS, and the rows it says it deleted. */
async function trial(command: string[], env: NodeJS.ProcessEnv, rowsOf: (stdout: string) => number): Promise<Trial> {
  const run = await timed(work, command, env)
  return {ms: run.wallMs, rssMb: run.peakRssMb, rows: rowsOf(run.stdout)}
}

const label = (dialect: 'sqlite' | 'postgresql') => (dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL')

async function compare(dialect: 'sqlite' | 'postgresql', fresh: () => Promise<string>, urlOf: (target: string) => string, floorTarget: (target: string) => string): Promise<void> {
  const cutoff = new Date(Date.now() - 90 * 86_400_000).toISOString()
  const subject: Trial[] = []
  const floor: Trial[] = []
  for (let round = 0; round < ROUNDS; round++) {
    const a = await fresh()
    floor.push(await trial([process.execPath, FLOOR, dialect, floorTarget(a), String(BATCH_SIZE), cutoff], baseEnv, (out) => (JSON.parse(out) as {rows: number}).rows))
    const b = await fresh()
    subject.push(await trial([process.execPath, BIN, 'server', 'database', 'vacuum', '--only', 'flow-runs', '--json'], {...baseEnv, PREFECT_SERVER_DATABASE_CONNECTION_URL: urlOf(b)}, (out) => (JSON.parse(out) as {totalRows: number}).totalRows))
  }

  const expected = DOOMED_RUNS * ROWS_PER_RUN
  for (const trial of [...subject, ...floor]) if (trial.rows !== expected) throw new Error(`${label(dialect)}: a trial deleted ${trial.rows} rows, expected ${expected}`)
  const s = {ms: median(subject.map((t) => t.ms)), rss: Math.max(...subject.map((t) => t.rssMb))}
  const f = {ms: median(floor.map((t) => t.ms)), rss: Math.max(...floor.map((t) => t.rssMb))}
  const rate = (ms: number) => Math.round(expected / (ms / 1000))
  console.log(`\n${label(dialect)}: ${expected.toLocaleString('en-US')} rows deleted (${ROUNDS} round(s), medians; whole process)`)
  console.log(`  vacuum  ${(s.ms / 1000).toFixed(1).padStart(6)} s  ${rate(s.ms).toLocaleString('en-US').padStart(8)} rows/s  peak RSS ${s.rss.toFixed(0)} MiB`)
  console.log(`  floor   ${(f.ms / 1000).toFixed(1).padStart(6)} s  ${rate(f.ms).toLocaleString('en-US').padStart(8)} rows/s  peak RSS ${f.rss.toFixed(0)} MiB`)
  console.log(`  ratio   rows/s ${(rate(s.ms) / rate(f.ms)).toFixed(2)}× the floor's, peak RSS ${(s.rss / f.rss).toFixed(2)}× the floor's`)
}

function cli(url: string, ...args: string[]): void {
  const result = spawnSync(process.execPath, [BIN, ...args], {env: {...baseEnv, PREFECT_SERVER_DATABASE_CONNECTION_URL: url}, encoding: 'utf8'})
  if (result.status !== 0) throw new Error(`prefect ${args.join(' ')} exited ${result.status}: ${result.stderr}`)
}

/** Old runs first (ended 200 days ago), then as many recent ones; children by integer division. */
function generateSql(dialect: 'sqlite' | 'postgresql'): string[] {
  const pgDialect = dialect === 'postgresql'
  const uuid = (expr: string, kind: number) =>
    pgDialect ? `(lpad(to_hex(${expr}), 8, '0') || '-0000-4000-8000-' || lpad(to_hex(${kind}), 12, '0'))::uuid` : `printf('%08x-0000-4000-8000-%012x', ${expr}, ${kind})`
  const ago = (seconds: string) => (pgDialect ? `now() - (${seconds}) * interval '1 second'` : `strftime('%Y-%m-%d %H:%M:%f000', 'now', '-' || (${seconds}) || ' seconds')`)
  const series = (count: number, body: string) =>
    pgDialect ? `${body.replace('FROM n', `FROM generate_series(1, ${count}) i`)}` : `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${count}) ${body}`
  const run = (expr: string) => uuid(expr, 1)
  const div = (a: string, b: number) => (pgDialect ? `((${a} - 1) / ${b} + 1)` : `((${a} - 1) / ${b} + 1)`)
  const endAge = `case when i <= ${DOOMED_RUNS} then 200 * 86400 + i else i end`
  return [
    `INSERT INTO flow (id, name) VALUES (${uuid('1', 0)}, 'flow')`,
    series(RUNS, `INSERT INTO flow_run (id, name, flow_id, state_type, state_name, end_time) SELECT ${run('i')}, 'run-' || i, ${uuid('1', 0)}, 'COMPLETED', 'Completed', ${ago(endAge)} FROM n`),
    series(RUNS * 2, `INSERT INTO flow_run_state (id, flow_run_id, type, name, timestamp) SELECT ${uuid('i', 2)}, ${run(div('i', 2))}, 'COMPLETED', 'Completed', ${ago('i')} FROM n`),
    series(RUNS * 4, `INSERT INTO task_run (id, name, task_key, dynamic_key, flow_run_id, state_type) SELECT ${uuid('i', 3)}, 'task', 'task-' || i, '0', ${run(div('i', 4))}, 'COMPLETED' FROM n`),
    series(RUNS * 4, `INSERT INTO task_run_state (id, task_run_id, type, name, timestamp) SELECT ${uuid('i', 4)}, ${uuid('i', 3)}, 'COMPLETED', 'Completed', ${ago('i')} FROM n`),
    series(RUNS * 9, `INSERT INTO log (id, name, level, flow_run_id, message, timestamp) SELECT ${uuid('i', 5)}, 'prefect.flow_runs', 20, ${run(div('i', 9))}, 'line ' || i, ${ago('i')} FROM n`),
  ]
}

async function sqlite(): Promise<void> {
  const source = path.join(work, 'source.db')
  cli(`sqlite+aiosqlite:///${source}`, 'server', 'database', 'upgrade', '-y')
  const db = new Database(source)
  db.exec('PRAGMA foreign_keys = OFF; BEGIN')
  for (const sql of generateSql('sqlite')) db.exec(sql)
  db.exec('COMMIT; ANALYZE')
  db.pragma('wal_checkpoint(TRUNCATE)')
  db.close()
  let n = 0
  await compare(
    'sqlite',
    async () => {
      const copy = path.join(work, `copy-${n++}.db`)
      fs.copyFileSync(source, copy)
      return copy
    },
    (file) => `sqlite+aiosqlite:///${file}`,
    (file) => file,
  )
}

async function postgres(): Promise<void> {
  const server = await startThrowawayPostgres()
  try {
    const admin = new pg.Client({connectionString: server.adminUrl})
    await admin.connect()
    await admin.query('CREATE DATABASE vacuum_source')
    const url = (name: string) => server.adminUrl.replace(/\/postgres$/, `/${name}`)
    cli(url('vacuum_source').replace(/^postgresql:/, 'postgresql+asyncpg:'), 'server', 'database', 'upgrade', '-y')
    const client = new pg.Client({connectionString: url('vacuum_source')})
    await client.connect()
    await client.query('BEGIN; SET LOCAL session_replication_role = replica')
    for (const sql of generateSql('postgresql')) await client.query(sql)
    await client.query('COMMIT')
    await client.query('VACUUM ANALYZE')
    await client.end()
    let n = 0
    await compare(
      'postgresql',
      async () => {
        const name = `vacuum_copy_${n++}`
        await admin.query(`CREATE DATABASE ${name} TEMPLATE vacuum_source`)
        return url(name)
      },
      (target) => target.replace(/^postgresql:/, 'postgresql+asyncpg:'),
      (target) => target,
    )
    await admin.end()
  } finally {
    server.destroy()
  }
}

console.log(`Vacuum of ${(DOOMED_RUNS * ROWS_PER_RUN).toLocaleString('en-US')} rows (batch size ${BATCH_SIZE}) against plain DELETE … WHERE id IN (batch) loops`)
try {
  await sqlite()
  await postgres()
} finally {
  fs.rmSync(work, {recursive: true, force: true})
}
