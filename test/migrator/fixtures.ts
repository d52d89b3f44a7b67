import Database from 'better-sqlite3'

import type {DatabaseTarget} from '../../src/db/target.js'
import {parseDatabaseUrl} from '../../src/db/url.js'
import type {Revision} from '../../src/migrations/types.js'
import {adminQuery, freshPostgresDatabase, freshSqliteFile, type TestDialect} from '../harness/databases.js'

/**
 * Three tiny revisions for engine tests, independent of the real schema: two tables with a
 * foreign key, a table with a row, and an index that PostgreSQL builds CONCURRENTLY outside a
 * transaction (written to be re-run safely).
 */
export const FIRST = 'aaaa00000001'
export const SECOND = 'aaaa00000002'
export const THIRD = 'bbbb00000003'

export function tinyRevisions(options: {slowMs?: number} = {}): Revision[] {
  const pause = () => new Promise((resolve) => setTimeout(resolve, options.slowMs ?? 0))
  return [
    {
      revision: FIRST,
      downRevision: null,
      message: 'parent and child',
      transaction: true,
      async up({knex}) {
        await knex.schema.createTable('t_parent', (t) => t.integer('id').primary())
        await knex.schema.createTable('t_child', (t) => {
          t.integer('id').primary()
          t.integer('parent_id').references('id').inTable('t_parent')
        })
        await pause()
      },
      async down({knex}) {
        await knex.schema.dropTable('t_child')
        await knex.schema.dropTable('t_parent')
      },
    },
    {
      revision: SECOND,
      downRevision: FIRST,
      message: 'extra table with a row',
      transaction: true,
      async up({knex}) {
        await knex.schema.createTable('t_extra', (t) => t.string('name'))
        await knex('t_extra').insert({name: 'seed'})
        await pause()
      },
      async down({knex}) {
        await knex.schema.dropTable('t_extra')
      },
    },
    {
      revision: THIRD,
      downRevision: SECOND,
      message: 'child index',
      transaction: {sqlite: true, postgresql: false},
      async up({knex, dialect}) {
        const concurrently = dialect === 'postgresql' ? 'CONCURRENTLY ' : ''
        await knex.raw(`CREATE INDEX ${concurrently}IF NOT EXISTS ix_child_parent ON t_child (parent_id)`)
        await pause()
      },
      async down({knex}) {
        await knex.raw('DROP INDEX IF EXISTS ix_child_parent')
      },
    },
  ]
}

export interface TestDatabase {
  dialect: TestDialect
  url: string
  target: DatabaseTarget
  /** SQLite file or PostgreSQL database name. */
  file?: string
  name?: string
}

export async function freshTarget(dialect: TestDialect): Promise<TestDatabase> {
  if (dialect === 'sqlite') {
    const {file, url} = freshSqliteFile()
    return {dialect, url, file, target: parseDatabaseUrl(url)}
  }

  const {name, asyncpgUrl} = await freshPostgresDatabase()
  return {dialect, url: asyncpgUrl, name, target: parseDatabaseUrl(asyncpgUrl)}
}

/** Run SQL through a second connection (not the engine's). */
export async function query<T = Record<string, unknown>>(db: TestDatabase, sql: string, params: unknown[] = []): Promise<T[]> {
  if (db.dialect === 'sqlite') {
    const handle = new Database(db.file!)
    try {
      const statement = handle.prepare(sql)
      return (statement.reader ? statement.all(...params) : (statement.run(...params), [])) as T[]
    } finally {
      handle.close()
    }
  }

  return (await adminQuery(sql.replace(/\?/g, (() => {
    let n = 0
    return () => `$${++n}`
  })()), params, db.name)) as T[]
}

export async function tables(db: TestDatabase): Promise<string[]> {
  const sql = db.dialect === 'sqlite'
    ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
    : "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
  return (await query<{name: string}>(db, sql)).map((row) => row.name)
}

/** The revisions our log records as applied (by this tool), sorted. */
export async function recorded(db: TestDatabase): Promise<string[]> {
  if (!(await tables(db)).includes('prefect_migrations')) return []
  return (await query<{revision: string}>(db, 'SELECT revision FROM prefect_migrations ORDER BY revision')).map((row) => row.revision)
}

/** What alembic_version holds: undefined without the table, null with no row (base). */
export async function alembicVersion(db: TestDatabase): Promise<string | null | undefined> {
  if (!(await tables(db)).includes('alembic_version')) return undefined
  const rows = await query<{version_num: string}>(db, 'SELECT version_num FROM alembic_version')
  if (rows.length > 1) throw new Error(`alembic_version holds ${rows.length} rows`)
  return rows[0]?.version_num ?? null
}
