import Database from 'better-sqlite3'
import knexFactory, {type Knex} from 'knex'

import {openDatabase, singleSqliteConnection} from './connect.js'
import {type AnyClient, interpolate, recordingPostgresKnex} from './recording-knex.js'
import {useImmediateTransactions} from './sqlite-setup.js'
import type {DatabaseTarget} from './target.js'

export interface ScratchDatabase {
  /** Runs nothing on the real database; every statement lands in `statements`. */
  knex: Knex
  statements: string[]
}

/**
 * A knex that records the SQL a run would execute and changes nothing, reading no rows.
 * PostgreSQL: recordingPostgresKnex. SQLite: a private in-memory database holding a copy of the
 * real file's schema (not its data), so that statements which must read the schema — knex's
 * table rebuilds — render the real SQL; the file itself is only read, and never created.
 */
export function scratchDatabase(target: DatabaseTarget, sqliteFileExists: boolean): ScratchDatabase {
  if (target.dialect === 'postgresql') {
    const statements: string[] = []
    return {knex: recordingPostgresKnex((sql) => statements.push(sql)), statements}
  }

  const {statements: schema, version} = !target.memory && sqliteFileExists ? readSqliteSchema(target.filename) : {statements: [], version: 0}
  const knex = singleSqliteConnection(knexFactory, ':memory:', (conn) => {
    for (const sql of schema) conn.exec(sql)
    // The file's schema_version too: a revision that sets it (rebuildSqliteTableInPlace) reads it
    // first, and the script must raise the file's, not the scratch's. Defensive mode ignores the write.
    if (version > 0) {
      conn.unsafeMode(true)
      conn.pragma(`schema_version = ${version}`)
      conn.unsafeMode(false)
    }
  })
  useImmediateTransactions(knex)
  return recording(knex, 'sqlite')
}

/**
 * A knex on a copy of the database that runs every statement there and records it: a SQLite
 * file copied with its rows, or a scratch PostgreSQL database holding the rows a run reads.
 * Statements are recorded as the schema-only scratch records them.
 */
export async function recordingCopy(copy: DatabaseTarget): Promise<ScratchDatabase> {
  if (copy.dialect === 'postgresql') return recording((await openDatabase(copy, {mode: 'migrate'})).knex, 'postgresql')
  const knex = singleSqliteConnection(knexFactory, copy.filename, () => {})
  useImmediateTransactions(knex)
  return recording(knex, 'sqlite')
}

function recording(knex: Knex, dialect: DatabaseTarget['dialect']): ScratchDatabase {
  const statements: string[] = []
  const client = knex.client as unknown as AnyClient
  const placeholder = dialect === 'sqlite' ? /\?/g : /\$(\d+)/g
  knex.on('query', (query: {sql: string; bindings?: unknown[]}) => {
    statements.push(interpolate(client, query.sql, query.bindings, placeholder))
  })
  return {knex, statements}
}

function readSqliteSchema(file: string): {statements: string[]; version: number} {
  const db = new Database(file, {readonly: true, fileMustExist: true})
  try {
    const rows = db
      .prepare("select sql from sqlite_master where sql is not null and name not like 'sqlite\\_%' escape '\\' order by case type when 'table' then 0 when 'index' then 1 else 2 end")
      .all() as Array<{sql: string}>
    return {statements: rows.map((row) => row.sql), version: Number(db.pragma('schema_version', {simple: true}))}
  } finally {
    db.close()
  }
}
