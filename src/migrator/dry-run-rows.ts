import {PostgresRowsSnapshot} from '../db/postgres-rows-snapshot.js'
import {NoScratchDatabase, withScratchPostgres} from '../db/postgres-scratch.js'
import {recordingCopy, type ScratchDatabase} from '../db/scratch-database.js'
import {snapshotSqlite} from '../db/sqlite-snapshot.js'
import type {PostgresTarget, SqliteTarget} from '../db/target.js'
import type {Chain} from './chain.js'
import {upgrade} from './migrate.js'
import type {AppliedRevision} from './types.js'

/*
 * The dry run on the rows as they are now, without writing to the real database: the chain runs
 * on a copy, and what it sends there is the script.
 */

export interface Recording {
  statements: string[]
  applied: AppliedRevision[]
}

/** Runs the planned steps on a scratch knex (and destroys it): the recording is the script. */
export type Pass = (scratch: ScratchDatabase) => Promise<Recording>

export type RowsRead = {recording: Recording; taken: Date} | {unavailable: string}

/** SQLite: the steps run on a copy of the file, rows included (VACUUM INTO a temporary file, removed afterwards). */
export async function onSqliteCopy(target: SqliteTarget, pass: Pass): Promise<RowsRead> {
  const snapshot = snapshotSqlite(target.filename)
  if ('unavailable' in snapshot) return snapshot
  try {
    const url = `sqlite:///${snapshot.filename}`
    const recording = await pass(await recordingCopy({...target, filename: snapshot.filename, memory: false, url, displayUrl: url}))
    return {recording, taken: snapshot.taken}
  } finally {
    snapshot.remove()
  }
}

/** Record tables: the scratch has its own, written by the chain that builds it. */
const RECORD_TABLES = new Set(['alembic_version', 'prefect_migrations'])
/** Statements that read or change rows: the tables they name are the ones whose rows matter. */
const ROW_STATEMENT = /^\s*(select|with|insert|update|delete)\b/i
const MAX_ROUNDS = 5

/**
 * PostgreSQL: the steps run in a scratch database on the same server that this chain builds at
 * the starting revision, holding a copy of the rows of every table the run's row statements name
 * (and of the tables their foreign keys point at), read in one read-only snapshot of the real
 * database. Tables the run names only in DDL (an index on a big table) are not copied. A run
 * that reads rows names more tables once it has rows (a statement per row read): it is run again
 * with those copied too, until it names no table with rows that was not copied. Without CREATEDB
 * there is no scratch database: `unavailable`.
 */
export async function onPostgresScratch(target: PostgresTarget, chain: Chain, from: number, first: Recording, pass: Pass): Promise<RowsRead> {
  const snapshot = await PostgresRowsSnapshot.open(target)
  try {
    const known = new Set((await snapshot.tables()).filter((table) => !RECORD_TABLES.has(table)))
    const parents = await snapshot.foreignKeyParents()
    const withRows = new Map<string, boolean>()
    const copied = new Set<string>()
    let recording = first
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const wanted: string[] = []
      for (const table of named(recording.statements, known)) {
        if (!withRows.has(table)) withRows.set(table, await snapshot.hasRows(table))
        if (withRows.get(table)) wanted.push(table)
      }

      const more = closeOverParents(wanted, parents, known).filter((table) => !copied.has(table))
      if (round > 0 && more.length === 0) break
      for (const table of more) copied.add(table)
      recording = await withScratchPostgres(target, 'prefect_dry_run', async (scratch) => {
        const revision = chain.idAt(from)
        if (revision) await upgrade(scratch, {revisions: chain.revisions, revision})
        await snapshot.copyInto(scratch, [...copied].sort())
        return pass(await recordingCopy(scratch))
      })
    }

    return {recording, taken: snapshot.taken}
  } catch (error) {
    if (error instanceof NoScratchDatabase) return {unavailable: 'the database role may not create the scratch database the dry run reads the rows in (CREATEDB)'}
    throw error
  } finally {
    await snapshot.close()
  }
}

/** The known tables that the row statements name (any word equal to a table's name: more is harmless). */
function named(statements: readonly string[], known: ReadonlySet<string>): Set<string> {
  const found = new Set<string>()
  for (const sql of statements) {
    if (!ROW_STATEMENT.test(sql)) continue
    for (const word of sql.toLowerCase().match(/[a-z_][a-z0-9_]*/g) ?? []) if (known.has(word)) found.add(word)
  }

  return found
}

function closeOverParents(tables: readonly string[], parents: ReadonlyMap<string, string[]>, known: ReadonlySet<string>): string[] {
  const closed = new Set<string>()
  const visit = (table: string) => {
    if (closed.has(table) || !known.has(table)) return
    closed.add(table)
    for (const parent of parents.get(table) ?? []) visit(parent)
  }

  for (const table of tables) visit(table)
  return [...closed]
}
