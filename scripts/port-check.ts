/*
 * Checks ported revisions against Prefect's reference schemas, one revision at a time, each on a
 * database built from the reference dump just below it (so revisions can be checked in any order):
 *   up   -> the dump must equal the reference at that position;
 *   down -> the dump must equal the reference one position lower (column order aside).
 *
 *   node --import tsx scripts/port-check.ts sqlite|postgresql FROM[-TO] [...] [--up-only] [--keep]
 *
 * Positions are those of chain.tsv (1 = first revision). PostgreSQL: PG_ADMIN_URL names a superuser
 * connection (default postgresql://dev@127.0.0.1:55432/postgres); each check gets its own database.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import type {Knex} from 'knex'
import pg from 'pg'

import {buildReferenceDatabase} from '../test/support/reference-db.js'
import {chainOf, openKnex, runRevision} from '../test/support/run-revision.js'
import {dumpDatabase, dumpDiff, referenceDump, sortDumpColumns, type RefDialect} from '../test/support/reference-schema.js'

const args = process.argv.slice(2)
const dialect = args[0] as RefDialect
if (dialect !== 'sqlite' && dialect !== 'postgresql') throw new Error('usage: port-check.ts sqlite|postgresql FROM[-TO] ...')
const upOnly = args.includes('--up-only')
const keep = args.includes('--keep')
const chain = chainOf(dialect)
const positions: number[] = []
for (const arg of args.slice(1).filter((a) => !a.startsWith('--'))) {
  const [from, to] = arg.split('-').map(Number)
  for (let p = from; p <= (to || from); p++) positions.push(p)
}

const pgAdmin = process.env.PG_ADMIN_URL ?? 'postgresql://dev@127.0.0.1:55432/postgres'

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({connectionString: pgAdmin})
  await client.connect()
  try {
    await client.query(sql)
  } finally {
    await client.end()
  }
}

async function freshLocation(position: number): Promise<{location: string; drop: () => Promise<void>}> {
  if (dialect === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `port-${position}-`))
    return {location: path.join(dir, 'prefect.db'), drop: async () => (keep ? undefined : fs.rmSync(dir, {recursive: true}))}
  }

  const name = `port_${process.pid}_${position}`
  await adminQuery(`DROP DATABASE IF EXISTS ${name}`)
  await adminQuery(`CREATE DATABASE ${name}`)
  const url = new URL(pgAdmin)
  url.pathname = `/${name}`
  return {location: url.toString(), drop: async () => (keep ? undefined : adminQuery(`DROP DATABASE ${name} WITH (FORCE)`))}
}

let failures = 0
for (const position of positions) {
  const entry = chain[position - 1]
  if (!entry) throw new Error(`No revision at position ${position}`)
  const label = `${String(position).padStart(3, '0')} ${entry.revision} ${entry.file.slice(18)}`
  const problems: string[] = []
  const {location, drop} = await freshLocation(position)
  let knex: Knex | undefined
  try {
    const revision = await entry.load()
    if (revision.revision !== entry.revision || revision.downRevision !== entry.downRevision || revision.message !== entry.message) {
      problems.push(`metadata differs from the chain: ${revision.revision} ← ${revision.downRevision}: ${revision.message}`)
    }

    await buildReferenceDatabase(dialect, location, position - 1)
    knex = openKnex(dialect, location)
    await runRevision(knex, dialect, revision, 'up')
    const up = dumpDatabase(dialect, location)
    const wantUp = referenceDump(dialect, position)
    if (up !== wantUp) problems.push(`up differs from reference ${position}:\n${dumpDiff(up, wantUp)}`)
    if (!upOnly) {
      await runRevision(knex, dialect, revision, 'down')
      const down = dumpDatabase(dialect, location, {sortColumns: true})
      const wantDown = sortDumpColumns(referenceDump(dialect, position - 1))
      if (down !== wantDown) problems.push(`down differs from reference ${position - 1} (columns sorted):\n${dumpDiff(down, wantDown)}`)
    }
  } catch (error) {
    problems.push(`failed: ${(error as Error).message.split('\n')[0]}`)
  } finally {
    await knex?.destroy()
    await drop()
  }

  if (problems.length > 0) failures++
  console.log(`${problems.length === 0 ? 'ok  ' : 'FAIL'} ${label}${problems.length ? '\n  ' + problems.join('\n  ').replace(/\n/g, '\n    ') : ''}`)
}

console.log(`${positions.length - failures} of ${positions.length} ok`)
process.exit(failures > 0 ? 1 : 0)
