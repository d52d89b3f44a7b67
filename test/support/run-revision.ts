import knexFactory, {type Knex} from 'knex'

import {postgresqlChain} from '../../src/migrations/postgresql/index.js'
import {sqliteChain} from '../../src/migrations/sqlite/index.js'
import type {LazyRevision, Revision} from '../../src/migrations/types.js'
import type {RefDialect} from './reference-schema.js'

/*
 * Running single revisions of the chains directly, as the engine runs them (a transaction unless
 * the revision says otherwise, SQLite's foreign keys off and checked before commit, the
 * alembic_version row moved with it). For tests and scripts that check revisions one by one.
 */

export function chainOf(dialect: RefDialect): readonly LazyRevision[] {
  return dialect === 'sqlite' ? sqliteChain : postgresqlChain
}

/** The chain entry at a 1-based position (as in chain.tsv and the reference file names). */
export function entryAt(dialect: RefDialect, position: number): LazyRevision {
  const entry = chainOf(dialect)[position - 1]
  if (!entry) throw new Error(`No ${dialect} revision at position ${position}`)
  return entry
}

export function positionOf(dialect: RefDialect, revision: string): number {
  const index = chainOf(dialect).findIndex((entry) => entry.revision === revision)
  if (index < 0) throw new Error(`No ${dialect} revision ${revision}`)
  return index + 1
}

/** A knex instance on a SQLite file or a PostgreSQL URL, one connection. */
export function openKnex(dialect: RefDialect, location: string): Knex {
  return dialect === 'sqlite'
    ? knexFactory({client: 'better-sqlite3', connection: {filename: location}, useNullAsDefault: true, pool: {min: 1, max: 1}})
    : knexFactory({client: 'pg', connection: location, pool: {min: 1, max: 1}})
}

/** Run one direction of a revision and set alembic_version to where it leads. */
export async function runRevision(knex: Knex, dialect: RefDialect, revision: Revision, direction: 'up' | 'down'): Promise<void> {
  const version = direction === 'up' ? revision.revision : revision.downRevision
  const transactional = typeof revision.transaction === 'boolean' ? revision.transaction : revision.transaction[dialect]
  const setVersion = async (db: Knex | Knex.Transaction) => {
    await db.raw('DELETE FROM alembic_version')
    if (version) await db.raw('INSERT INTO alembic_version (version_num) VALUES (?)', [version])
  }

  if (dialect === 'sqlite') await knex.raw('PRAGMA foreign_keys = OFF')
  try {
    if (transactional) {
      await knex.transaction(async (trx) => {
        await revision[direction]({knex: trx, dialect})
        if (dialect === 'sqlite') {
          const violations = (await trx.raw('PRAGMA foreign_key_check')) as unknown[]
          if (violations.length > 0) throw new Error(`foreign key violations: ${JSON.stringify(violations).slice(0, 300)}`)
        }

        await setVersion(trx)
      })
    } else {
      await revision[direction]({knex, dialect})
      await setVersion(knex)
    }
  } finally {
    if (dialect === 'sqlite') await knex.raw('PRAGMA foreign_keys = ON')
  }
}

/** Run the revision at a 1-based position of the dialect's chain, up or down. */
export async function runPosition(knex: Knex, dialect: RefDialect, position: number, direction: 'up' | 'down'): Promise<void> {
  await runRevision(knex, dialect, await entryAt(dialect, position).load(), direction)
}
