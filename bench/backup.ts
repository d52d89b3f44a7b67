/**
 * `npm run bench` (backup): a SQLite database at head with 1,000,000 log rows and ~320,000 other
 * rows (bench/copy.ts's generator, run as BENCH_COPY_GENERATE), backed up and restored by the
 * CLI (whole processes: hashing, sidecar and verification included) against floors measured in
 * the same run (bench/backup-floor.mjs, bench/copy-floor.mjs):
 *   SQLite backup          vs SQLite's backup API (one step)
 *   SQLite restore         vs SQLite's backup API copying the backup file (restore = file copy)
 *   PostgreSQL backup      vs COPY TO STDOUT of every table in one snapshot, discarded
 *   PostgreSQL restore     vs bench/copy-floor.mjs (the SQLite file's rows COPY FROM STDIN into a migrated database)
 * rows/s and peak RSS (/usr/bin/time -f %M) as ratios to the floor.
 *
 *   BENCH_BACKUP_SCALE=0.1 npm run bench   (a quick try)
 */
import fs from 'node:fs'
import path from 'node:path'

import pg from 'pg'

import {PROJECT_ROOT} from '../test/harness/cli.js'
import {startThrowawayPostgres} from '../test/harness/pg-server.js'

import {benchWork, fmt, median, type Run, timed} from './support.js'

const SCALE = Number(process.env.BENCH_BACKUP_SCALE ?? 1)
const RUNS = Number(process.env.BENCH_BACKUP_RUNS ?? 1)
const BIN = path.join(PROJECT_ROOT, 'bin', 'run.js')
const FLOOR = path.join(PROJECT_ROOT, 'bench', 'backup-floor.mjs')
const COPY_FLOOR = path.join(PROJECT_ROOT, 'bench', 'copy-floor.mjs')
const {work, baseEnv} = benchWork('backup')
/** A node script (its path and arguments) as a whole process. */
const timedNode = (args: string[], env: NodeJS.ProcessEnv = baseEnv): Promise<Run> => timed(work, [process.execPath, ...args], env)

const cli = (url: string, ...args: string[]) => timedNode([BIN, 'server', 'database', ...args], {...baseEnv, PREFECT_SERVER_DATABASE_CONNECTION_URL: url})
let files = 0
const freshFile = () => path.join(work, `f${files++}.db`)

async function main(): Promise<void> {
  const source = path.join(work, 'source.db')
  const generated = await timedNode(['--import', 'tsx', path.join(PROJECT_ROOT, 'bench', 'copy.ts')], {...baseEnv, BENCH_COPY_GENERATE: source, BENCH_COPY_SCALE: String(SCALE)})
  const rows = Number(generated.stdout.trim().split('\n').at(-1))
  const server = await startThrowawayPostgres()
  const admin = new pg.Client({connectionString: server.adminUrl})
  await admin.connect()
  let databases = 0
  const freshPg = async (migrated: boolean) => {
    const name = `backup_${databases++}`
    await admin.query(`CREATE DATABASE ${name}`)
    const url = server.adminUrl.replace(/\/postgres$/, `/${name}`)
    const asyncpg = url.replace(/^postgresql:/, 'postgresql+asyncpg:')
    if (migrated) await cli(asyncpg, 'upgrade', '-y')
    return {url, asyncpg}
  }

  try {
    const sqliteUrl = `sqlite+aiosqlite:///${source}`
    const pgSource = await freshPg(false)
    await timedNode([BIN, 'server', 'database', 'copy', '--from', sqliteUrl, '--to', pgSource.asyncpg])
    const cases: Array<{name: string; ours: () => Promise<Run>; floor: () => Promise<Run>}> = [
      {name: 'SQLite backup', ours: () => cli(sqliteUrl, 'backup', freshFile()), floor: () => timedNode([FLOOR, 'sqlite', source, freshFile()])},
      {
        name: 'SQLite restore',
        ours: async () => {
          const backup = freshFile()
          await cli(sqliteUrl, 'backup', backup)
          return cli(`sqlite:///${freshFile()}`, 'restore', backup)
        },
        floor: () => timedNode([FLOOR, 'sqlite', source, freshFile()]),
      },
      {name: 'PostgreSQL backup', ours: () => cli(pgSource.asyncpg, 'backup', freshFile()), floor: () => timedNode([FLOOR, 'pg', pgSource.url])},
      {
        name: 'PostgreSQL restore',
        ours: async () => {
          const backup = freshFile()
          await cli(pgSource.asyncpg, 'backup', backup)
          return cli((await freshPg(false)).asyncpg, 'restore', backup)
        },
        floor: async () => timedNode([COPY_FLOOR, source, (await freshPg(true)).url]),
      },
    ]
    console.log(`backup and restore, ${fmt(rows)} rows (${(fs.statSync(source).size / 1024 / 1024).toFixed(0)} MiB SQLite file), ${RUNS} run(s) each, whole processes; machine shared and loaded`)
    console.log('| case | ours: time, rows/s | floor: time, rows/s | throughput ours/floor | peak RSS ours / floor (ratio) |')
    console.log('| --- | --- | --- | --- | --- |')
    for (const item of cases) {
      const ours: Run[] = []
      const floor: Run[] = []
      for (let i = 0; i < RUNS; i++) {
        ours.push(await item.ours())
        floor.push(await item.floor())
      }

      const oursMs = median(ours.map((run) => run.wallMs))
      const floorMs = median(floor.map((run) => run.wallMs))
      const oursRss = median(ours.map((run) => run.peakRssMb))
      const floorRss = median(floor.map((run) => run.peakRssMb))
      console.log(
        `| ${item.name} | ${(oursMs / 1000).toFixed(1)} s, ${fmt(rows / (oursMs / 1000))} | ${(floorMs / 1000).toFixed(1)} s, ${fmt(rows / (floorMs / 1000))} | ${(floorMs / oursMs).toFixed(2)}× | ${oursRss.toFixed(0)} / ${floorRss.toFixed(0)} MiB (${(oursRss / floorRss).toFixed(2)}×) |`,
      )
    }
  } finally {
    await admin.end()
    server.destroy()
    fs.rmSync(work, {recursive: true, force: true})
  }
}

await main()
