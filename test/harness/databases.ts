import crypto from 'node:crypto'
import path from 'node:path'

import pg from 'pg'

import {tempDir} from './tmp.js'

/**
 * Fresh databases for a test: a new SQLite file in a temporary directory, or a new database on
 * the run's throwaway PostgreSQL server (PREFECT_TEST_PG_ADMIN_URL, set by run-tests).
 */
export type TestDialect = 'sqlite' | 'postgresql'
export const DIALECTS: TestDialect[] = ['sqlite', 'postgresql']

export function adminUrl(): string {
  const url = process.env.PREFECT_TEST_PG_ADMIN_URL
  if (!url) throw new Error('PREFECT_TEST_PG_ADMIN_URL is not set: run the tests through `npm test`, which starts PostgreSQL.')
  return url
}

/** A `postgresql://` URL with another database name. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url)
  parsed.pathname = `/${database}`
  return parsed.toString()
}

export async function adminQuery<T extends pg.QueryResultRow = pg.QueryResultRow>(
  sql: string,
  params: unknown[] = [],
  database = 'postgres',
): Promise<T[]> {
  const client = new pg.Client({connectionString: withDatabase(adminUrl(), database)})
  await client.connect()
  try {
    return (await client.query<T>(sql, params)).rows
  } finally {
    await client.end()
  }
}

export async function freshPostgresDatabase(): Promise<{name: string; url: string; asyncpgUrl: string}> {
  const name = `t_${crypto.randomBytes(6).toString('hex')}`
  await adminQuery(`CREATE DATABASE ${name}`)
  const url = withDatabase(adminUrl(), name)
  return {name, url, asyncpgUrl: url.replace(/^postgresql:/, 'postgresql+asyncpg:')}
}

export function freshSqliteFile(): {file: string; url: string} {
  const file = path.join(tempDir('sqlite-'), 'prefect.db')
  return {file, url: `sqlite+aiosqlite:///${file}`}
}

/** A URL in Prefect's form for a fresh, empty database of the dialect. */
export async function freshDatabaseUrl(dialect: TestDialect): Promise<string> {
  return dialect === 'sqlite' ? freshSqliteFile().url : (await freshPostgresDatabase()).asyncpgUrl
}

/** Declare the same specs once per dialect: `forEachDialect((dialect) => { it(...) })`. */
export function forEachDialect(body: (dialect: TestDialect) => void): void {
  for (const dialect of DIALECTS) {
    describe(`on ${dialect}`, () => body(dialect))
  }
}
