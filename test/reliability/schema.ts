import knexFactory, {type Knex} from 'knex'

import {type TestDialect, freshPostgresDatabase, freshSqliteFile} from '../harness/databases.js'
import {appliedUpTo, chainIds} from '../support/chains.js'
import {dumpDatabase, referenceDump, sortDumpColumns} from '../support/reference-schema.js'

/** A database of one dialect under test: its CLI URL and a second connection's knex config. */
export interface TestDb {
  dialect: TestDialect
  /** Prefect-style URL for the CLI. */
  url: string
  /** knex config for a second connection, to look at what the CLI really did. */
  knexConfig: Knex.Config
  file?: string
  /** The SQLite file or the PostgreSQL URL, for the reference dumper. */
  location: string
}

export async function freshTestDb(dialect: TestDialect): Promise<TestDb> {
  if (dialect === 'sqlite') {
    const {file, url} = freshSqliteFile()
    return {dialect, url, file, location: file, knexConfig: {client: 'better-sqlite3', connection: {filename: file}, useNullAsDefault: true}}
  }

  const pg = await freshPostgresDatabase()
  return {dialect, url: pg.asyncpgUrl, location: pg.url, knexConfig: {client: 'pg', connection: pg.url}}
}

export async function withKnex<T>(db: TestDb, body: (knex: Knex) => Promise<T>): Promise<T> {
  const knex = knexFactory(db.knexConfig)
  try {
    return await body(knex)
  } finally {
    await knex.destroy()
  }
}

/**
 * The schema as the reference dumper prints it, columns sorted by name: after downgrades and
 * upgrades racing each other a re-created column may come last, which is no difference here.
 */
export async function schemaText(db: TestDb): Promise<string> {
  return dumpDatabase(db.dialect, db.location, {sortColumns: true})
}

/** The revisions applied, from alembic_version: the chain up to the revision it holds. */
export async function recordedRevisions(db: TestDb): Promise<string[]> {
  return withKnex(db, async (knex) => {
    if (!(await knex.schema.hasTable('alembic_version'))) return []
    const rows = (await knex('alembic_version').select('version_num')) as Array<{version_num: string}>
    if (rows.length > 1) throw new Error(`alembic_version holds ${rows.length} rows`)
    return appliedUpTo(db.dialect, rows[0]?.version_num)
  })
}

/** Prefect's schema at `revision` (or 'base'), from the reference dumps, columns sorted. */
export async function referenceSchema(dialect: TestDialect, revision: string): Promise<string> {
  const position = revision === 'base' ? 0 : chainIds(dialect).indexOf(revision) + 1
  if (position < 0) throw new Error(`unknown ${dialect} revision ${revision}`)
  return sortDumpColumns(referenceDump(dialect, position))
}
