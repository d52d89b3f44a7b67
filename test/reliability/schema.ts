import knexFactory, {type Knex} from 'knex'

import {dumpSchema, formatSchemaDump} from '../../src/db/schema-dump.js'
import {runCli} from '../harness/cli.js'
import {type TestDialect, freshPostgresDatabase, freshSqliteFile} from '../harness/databases.js'

/** A database of one dialect under test: its CLI URL and a second connection's knex config. */
export interface TestDb {
  dialect: TestDialect
  /** Prefect-style URL for the CLI. */
  url: string
  /** knex config for a second connection, to look at what the CLI really did. */
  knexConfig: Knex.Config
  file?: string
}

export async function freshTestDb(dialect: TestDialect): Promise<TestDb> {
  if (dialect === 'sqlite') {
    const {file, url} = freshSqliteFile()
    return {dialect, url, file, knexConfig: {client: 'better-sqlite3', connection: {filename: file}, useNullAsDefault: true}}
  }

  const pg = await freshPostgresDatabase()
  return {dialect, url: pg.asyncpgUrl, knexConfig: {client: 'pg', connection: pg.url}}
}

export async function withKnex<T>(db: TestDb, body: (knex: Knex) => Promise<T>): Promise<T> {
  const knex = knexFactory(db.knexConfig)
  try {
    return await body(knex)
  } finally {
    await knex.destroy()
  }
}

export async function schemaText(db: TestDb): Promise<string> {
  return withKnex(db, async (knex) => formatSchemaDump(await dumpSchema(knex, db.dialect, {exclude: ['prefect_migrations']})))
}

/** The revisions recorded as applied, in the order they were recorded. */
export async function recordedRevisions(db: TestDb): Promise<string[]> {
  return withKnex(db, async (knex) => {
    if (!(await knex.schema.hasTable('prefect_migrations'))) return []
    const rows = await knex('prefect_migrations').select('revision')
    return rows.map((row: {revision: string}) => row.revision)
  })
}

const referenceCache = new Map<string, string>()

/** The schema a fresh database has at `revision` (or 'base'), built by the real CLI, cached. */
export async function referenceSchema(dialect: TestDialect, revision: string): Promise<string> {
  const key = `${dialect}:${revision}`
  if (!referenceCache.has(key)) {
    const db = await freshTestDb(dialect)
    if (revision !== 'base') {
      const result = await runCli(['server', 'database', 'upgrade', '-y', '-r', revision], {env: {PREFECT_SERVER_DATABASE_CONNECTION_URL: db.url}})
      if (result.code !== 0) throw new Error(`reference upgrade to ${revision} failed: ${result.stderr}`)
      referenceCache.set(key, await schemaText(db))
    } else {
      referenceCache.set(key, await schemaText(db))
    }
  }

  return referenceCache.get(key)!
}
