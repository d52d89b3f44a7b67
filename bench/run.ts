/**
 * `npm run bench`: whole-process timings, each reported as a ratio to a floor measured in the
 * same run, interleaved (floor, subject, floor, subject, …) so machine drift hits both alike.
 *   - start-up: `prefect --help` and `prefect config view` against `node -e 0`
 *   - upgrade base→head on a fresh SQLite file / PostgreSQL database, from the baseline and
 *     with --no-baseline (every revision), against a plain script applying the same head DDL in
 *     one transaction (bench/floor-*.js)
 *   - an upgrade with nothing to do, against `node -e 0`, and on SQLite against `prefect config view`
 */
import {execFileSync, spawnSync} from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import Database from 'better-sqlite3'

import {freshPostgresDatabase} from '../test/harness/databases.js'
import {PROJECT_ROOT} from '../test/harness/cli.js'
import {findPgBinDir, startThrowawayPostgres} from '../test/harness/pg-server.js'

const RUNS = Number(process.env.BENCH_RUNS ?? 9)
const BIN = path.join(PROJECT_ROOT, 'bin', 'run.js')
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'prefect-bench-'))
const baseEnv: NodeJS.ProcessEnv = {...process.env, HOME: work, PREFECT_HOME: path.join(work, '.prefect'), NO_COLOR: '1'}
for (const key of Object.keys(baseEnv)) if (key.startsWith('PREFECT_') && key !== 'PREFECT_HOME') delete baseEnv[key]

interface Step {
  command: string[]
  env?: NodeJS.ProcessEnv
  /** Untimed preparation before each run. */
  before?: () => Promise<NodeJS.ProcessEnv | void> | NodeJS.ProcessEnv | void
}

async function timeOnce(step: Step): Promise<number> {
  const extra = (await step.before?.()) ?? {}
  const started = process.hrtime.bigint()
  const result = spawnSync(step.command[0], step.command.slice(1), {env: {...baseEnv, ...step.env, ...extra}, stdio: ['ignore', 'ignore', 'pipe']})
  const ms = Number(process.hrtime.bigint() - started) / 1e6
  if (result.status !== 0) throw new Error(`${step.command.join(' ')} exited ${result.status}: ${result.stderr}`)
  return ms
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]

/** `target`: the ratio the issue sets, or null where it sets none (reported only). */
async function compare(name: string, subject: Step, floor: Step, target: number | null): Promise<void> {
  await timeOnce(floor)
  await timeOnce(subject)
  const subjectMs: number[] = []
  const floorMs: number[] = []
  const ratios: number[] = []
  for (let i = 0; i < RUNS; i++) {
    const f = await timeOnce(floor)
    const s = await timeOnce(subject)
    floorMs.push(f)
    subjectMs.push(s)
    ratios.push(s / f)
  }

  const ratio = median(ratios)
  const verdict = target === null ? 'no target' : ratio <= target ? `target <= ${target}x  within target` : `target <= ${target}x  OVER TARGET`
  console.log(
    `${name.padEnd(34)} ${median(subjectMs).toFixed(0).padStart(6)} ms  floor ${median(floorMs).toFixed(0).padStart(5)} ms  ` +
      `ratio ${ratio.toFixed(2)}x (min ${Math.min(...ratios).toFixed(2)}, max ${Math.max(...ratios).toFixed(2)})  ${verdict}`,
  )
}

const cli = (...args: string[]): string[] => [process.execPath, BIN, ...args]
const runCliSync = (env: NodeJS.ProcessEnv, ...args: string[]): void => {
  execFileSync(process.execPath, [BIN, ...args], {env: {...baseEnv, ...env}, stdio: 'ignore'})
}
const nodeFloor = {command: [process.execPath, '-e', '0']}

console.log(`prefect-dbadmin benchmarks: ${RUNS} interleaved runs each, medians; node ${process.version}, ${os.cpus().length} cores\n`)
await compare('start-up: prefect --help', {command: cli('--help')}, nodeFloor, 3)
const configView = {command: cli('config', 'view')}
await compare('start-up: prefect config view', configView, nodeFloor, 2)

// SQLite: capture the head DDL once from a database our upgrade built (the same text either way).
const sqliteHead = path.join(work, 'head.db')
runCliSync({PREFECT_SERVER_DATABASE_CONNECTION_URL: `sqlite+aiosqlite:///${sqliteHead}`}, 'server', 'database', 'upgrade', '-y')
const head = new Database(sqliteHead, {readonly: true})
const sqliteDdl = head
  .prepare("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY rowid")
  .all()
  .map((row) => `${(row as {sql: string}).sql};`)
  .join('\n')
head.close()
const sqliteDdlFile = path.join(work, 'head-sqlite.sql')
fs.writeFileSync(sqliteDdlFile, sqliteDdl)

let counter = 0
const freshSqlite = (): string => path.join(work, `bench-${counter++}.db`)
const sqliteFloor = {command: [process.execPath, path.join(PROJECT_ROOT, 'bench', 'floor-sqlite.js'), sqliteDdlFile], before: () => ({BENCH_TARGET: freshSqlite()})}
await compare(
  'upgrade base->head, SQLite (baseline)',
  {command: cli('server', 'database', 'upgrade', '-y'), before: () => ({PREFECT_SERVER_DATABASE_CONNECTION_URL: `sqlite+aiosqlite:///${freshSqlite()}`})},
  sqliteFloor,
  1.5,
)
await compare(
  'upgrade base->head, SQLite (--no-baseline)',
  {command: cli('server', 'database', 'upgrade', '-y', '--no-baseline'), before: () => ({PREFECT_SERVER_DATABASE_CONNECTION_URL: `sqlite+aiosqlite:///${freshSqlite()}`})},
  sqliteFloor,
  // The old <= 3x was set for a 17-revision chain; Prefect's has 112 revisions (README).
  null,
)

const noop = {PREFECT_SERVER_DATABASE_CONNECTION_URL: `sqlite+aiosqlite:///${sqliteHead}`}
await compare('upgrade with nothing to do, SQLite', {command: cli('server', 'database', 'upgrade', '-y'), env: noop}, nodeFloor, 4)
await compare('  the same against config view', {command: cli('server', 'database', 'upgrade', '-y'), env: noop}, configView, 1.3)

const server = process.env.PREFECT_TEST_PG_ADMIN_URL ? undefined : await startThrowawayPostgres()
if (server) process.env.PREFECT_TEST_PG_ADMIN_URL = server.adminUrl
try {
  const reference = await freshPostgresDatabase()
  runCliSync({PREFECT_SERVER_DATABASE_CONNECTION_URL: reference.asyncpgUrl}, 'server', 'database', 'upgrade', '-y')
  const pgDdl = execFileSync(path.join(findPgBinDir(), 'pg_dump'), ['--schema-only', '--no-owner', '--no-privileges', '--exclude-table=prefect_migrations', reference.url], {encoding: 'utf8'})
  const pgDdlFile = path.join(work, 'head-pg.sql')
  // Drop psql meta-commands (\restrict …) and the empty search_path, which a plain client cannot run.
  const plainSql = pgDdl.split('\n').filter((line) => !line.startsWith('\\') && !line.startsWith("SELECT pg_catalog.set_config('search_path', '', false);"))
  fs.writeFileSync(pgDdlFile, plainSql.join('\n'))

  const pgFloor = {command: [process.execPath, path.join(PROJECT_ROOT, 'bench', 'floor-pg.js'), pgDdlFile], before: async () => ({BENCH_TARGET: (await freshPostgresDatabase()).url})}
  await compare(
    'upgrade base->head, PostgreSQL (baseline)',
    {command: cli('server', 'database', 'upgrade', '-y'), before: async () => ({PREFECT_SERVER_DATABASE_CONNECTION_URL: (await freshPostgresDatabase()).asyncpgUrl})},
    pgFloor,
    1.3,
  )
  await compare(
    'upgrade base->head, PostgreSQL (--no-baseline)',
    {command: cli('server', 'database', 'upgrade', '-y', '--no-baseline'), before: async () => ({PREFECT_SERVER_DATABASE_CONNECTION_URL: (await freshPostgresDatabase()).asyncpgUrl})},
    pgFloor,
    // Likewise (the old <= 2x, for 17 revisions).
    null,
  )
  await compare(
    'upgrade with nothing to do, PostgreSQL',
    {command: cli('server', 'database', 'upgrade', '-y'), env: {PREFECT_SERVER_DATABASE_CONNECTION_URL: reference.asyncpgUrl}},
    nodeFloor,
    6,
  )
} finally {
  server?.destroy()
  fs.rmSync(work, {recursive: true, force: true})
}
