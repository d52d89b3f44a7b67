import knexFactory, {type Knex} from 'knex'

import type {DatabaseTarget} from '../../src/db/target.js'
import {parseDatabaseUrl} from '../../src/db/url.js'
import type {Revision} from '../../src/migrations/types.js'
import {downgrade, upgrade} from '../../src/migrator/index.js'
import {freshPostgresDatabase, freshSqliteFile, type TestDialect} from '../harness/databases.js'
import {dumpDatabase, type DumpOptions} from '../support/reference-schema.js'
import {chainOf} from '../support/run-revision.js'

/**
 * A fresh database for these tests: the engine's target for whole upgrades and downgrades, and
 * our own knex to write and read rows and to run single revisions directly.
 */
export interface TestDatabase {
  dialect: TestDialect
  target: DatabaseTarget
  /** Where a second connection can reach the same database. */
  connection: Knex.Config['connection']
  knex: Knex
  /** A SQLite file path or a PostgreSQL URL, for the reference dumper. */
  location: string
}

export async function freshDatabase(dialect: TestDialect): Promise<TestDatabase> {
  if (dialect === 'sqlite') {
    const {file, url} = freshSqliteFile()
    const connection = {filename: file}
    return {dialect, target: parseDatabaseUrl(url), connection, knex: connect(dialect, connection), location: file}
  }

  const {url, asyncpgUrl} = await freshPostgresDatabase()
  return {dialect, target: parseDatabaseUrl(asyncpgUrl), connection: url, knex: connect(dialect, url), location: url}
}

export function connect(dialect: TestDialect, connection: Knex.Config['connection']): Knex {
  return dialect === 'sqlite'
    ? knexFactory({client: 'better-sqlite3', connection, useNullAsDefault: true, pool: {min: 1, max: 1}})
    : knexFactory({client: 'pg', connection, pool: {min: 0, max: 2}})
}

/** The loaded revision module of a dialect's chain. */
export async function revisionOf(dialect: TestDialect, revision: string): Promise<Revision> {
  const entry = chainOf(dialect).find((r) => r.revision === revision)
  if (!entry) throw new Error(`unknown ${dialect} revision ${revision}`)
  return entry.load()
}

/**
 * One revision run directly, the way the engine runs it (its own transaction unless it opts out
 * on the dialect; SQLite with foreign_keys OFF and a foreign_key_check before commit), but
 * without the version record: for tests that repeat a revision or watch it fail.
 */
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

/** Upgrade with the engine to `to` (a revision id or head). */
export async function upgradeTo(db: TestDatabase, to: string): Promise<void> {
  await upgrade(db.target, {revision: to})
}

/** Downgrade with the engine until `to` is the current revision (null: base, an empty database). */
export async function downgradeTo(db: TestDatabase, to: string | null): Promise<void> {
  await downgrade(db.target, {revision: to ?? 'base'})
}

export const HEAD = 'head'

/** The schema as the reference dumper prints it (our log table left out). */
export async function schemaText(db: TestDatabase, options: DumpOptions = {}): Promise<string> {
  return dumpDatabase(db.dialect, db.location, options)
}
