/*
 * Writes src/migrations/{sqlite,postgresql}/baseline.ts: each chain's head schema as DDL, read
 * back from a database our own chain built (revision by revision, no baseline), so that what a
 * baseline install creates is what the chain leaves. SQLite: the statements SQLite stores for
 * each object (sqlite_master), in creation order. PostgreSQL: the schema dump turned back into
 * DDL. test/migrations/baseline.test.ts derives them again from a fresh chain run and fails when
 * the file differs: run this whenever a revision changes or the chain moves on.
 *   PG_ADMIN_URL=postgresql://… node --import tsx scripts/generate-baselines.ts [sqlite|postgresql]
 */
import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import pg from 'pg'

import {parseDatabaseUrl} from '../src/db/url.js'
import {postgresqlChain} from '../src/migrations/postgresql/index.js'
import {sqliteChain} from '../src/migrations/sqlite/index.js'
import {upgrade} from '../src/migrator/index.js'
import {baselineStatements, renderBaselineModule} from '../test/support/baseline-ddl.js'
import {PROJECT_ROOT, type RefDialect} from '../test/support/reference-schema.js'

const pgAdmin = process.env.PG_ADMIN_URL ?? process.env.PREFECT_TEST_PG_ADMIN_URL ?? 'postgresql://dev@127.0.0.1:55432/postgres'

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({connectionString: pgAdmin})
  await client.connect()
  try {
    await client.query(sql)
  } finally {
    await client.end()
  }
}

async function generate(dialect: RefDialect): Promise<void> {
  const chain = dialect === 'sqlite' ? sqliteChain : postgresqlChain
  let location: string
  let cleanup: () => Promise<void>
  if (dialect === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'prefect-baseline-'))
    location = path.join(dir, 'head.db')
    cleanup = async () => fs.rmSync(dir, {recursive: true, force: true})
    await upgrade(parseDatabaseUrl(`sqlite+aiosqlite:///${location}`), {baseline: false})
  } else {
    const name = `baseline_${crypto.randomBytes(6).toString('hex')}`
    await admin(`create database ${name}`)
    const url = new URL(pgAdmin)
    url.pathname = `/${name}`
    location = url.toString()
    cleanup = () => admin(`drop database ${name}`)
    await upgrade(parseDatabaseUrl(location), {baseline: false})
  }

  try {
    const file = path.join(PROJECT_ROOT, 'src', 'migrations', dialect, 'baseline.ts')
    fs.writeFileSync(file, renderBaselineModule(dialect, chain, baselineStatements(dialect, location)))
    console.log(`wrote ${path.relative(PROJECT_ROOT, file)}: ${chain.length} revisions, head ${chain.at(-1)!.revision}`)
  } finally {
    await cleanup()
  }
}

const only = process.argv[2] as RefDialect | undefined
for (const dialect of ['sqlite', 'postgresql'] as RefDialect[]) if (!only || only === dialect) await generate(dialect)
