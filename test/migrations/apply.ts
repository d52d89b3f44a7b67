import knexFactory, {type Knex} from 'knex'

import {dumpSchema, formatSchemaDump} from '../../src/db/schema-dump.js'
import {revisions} from '../../src/migrations/index.js'
import type {Revision} from '../../src/migrations/types.js'
import {freshPostgresDatabase, freshSqliteFile, type TestDialect} from '../harness/databases.js'

/**
 * A minimal way to run the revisions for these tests, independent of the engine: each revision
 * in its own transaction (unless it opts out on the dialect), SQLite with foreign_keys OFF and a
 * foreign_key_check before commit, as the engine does.
 */
export interface TestDatabase {
  dialect: TestDialect
  /** Where a second connection can reach the same database. */
  connection: Knex.Config['connection']
  knex: Knex
}

export async function freshDatabase(dialect: TestDialect): Promise<TestDatabase> {
  const connection = dialect === 'sqlite' ? {filename: freshSqliteFile().file} : (await freshPostgresDatabase()).url
  return {dialect, connection, knex: connect(dialect, connection)}
}

export function connect(dialect: TestDialect, connection: Knex.Config['connection']): Knex {
  return dialect === 'sqlite'
    ? knexFactory({client: 'better-sqlite3', connection, useNullAsDefault: true, pool: {min: 1, max: 1}})
    : knexFactory({client: 'pg', connection, pool: {min: 0, max: 2}})
}

export function indexOf(revision: string): number {
  const position = revisions.findIndex((r) => r.revision === revision)
  if (position < 0) throw new Error(`unknown revision ${revision}`)
  return position
}

export async function applyRevision(db: TestDatabase, revision: Revision, direction: 'up' | 'down'): Promise<void> {
  const {knex, dialect} = db
  const transactional = typeof revision.transaction === 'boolean' ? revision.transaction : revision.transaction[dialect]
  if (dialect === 'sqlite') await knex.raw('PRAGMA foreign_keys = OFF')
  if (!transactional) {
    await revision[direction]({knex, dialect})
    return
  }

  await knex.transaction(async (trx) => {
    await revision[direction]({knex: trx, dialect})
    if (dialect === 'sqlite') {
      const violations = (await trx.raw('PRAGMA foreign_key_check')) as unknown[]
      if (violations.length > 0) throw new Error(`foreign key violations after ${revision.revision}: ${JSON.stringify(violations)}`)
    }
  })
  if (dialect === 'sqlite') await knex.raw('PRAGMA foreign_keys = ON')
}

/** Upgrade from `from` (the current revision, null for an empty database) through `to` inclusive. */
export async function upgradeTo(db: TestDatabase, to: string, from: string | null = null): Promise<void> {
  for (const revision of revisions.slice(from === null ? 0 : indexOf(from) + 1, indexOf(to) + 1)) await applyRevision(db, revision, 'up')
}

/** Downgrade from `from` until `to` is the current revision (null: to an empty database). */
export async function downgradeTo(db: TestDatabase, from: string, to: string | null): Promise<void> {
  const chain = revisions.slice(to === null ? 0 : indexOf(to) + 1, indexOf(from) + 1).reverse()
  for (const revision of chain) await applyRevision(db, revision, 'down')
}

export const HEAD = revisions.at(-1)!.revision

export async function schemaText(db: TestDatabase): Promise<string> {
  return formatSchemaDump(await dumpSchema(db.knex, db.dialect, {exclude: ['prefect_migrations']}))
}
