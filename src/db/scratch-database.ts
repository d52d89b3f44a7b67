import Database from 'better-sqlite3'
import knexFactory, {type Knex} from 'knex'

import {singleSqliteConnection} from './connect.js'
import {type AnyClient, interpolate, recordingPostgresKnex} from './recording-knex.js'
import {useImmediateTransactions} from './sqlite-setup.js'
import type {DatabaseTarget} from './target.js'

export interface ScratchDatabase {
  /** Runs nothing on the real database; every statement lands in `statements`. */
  knex: Knex
  statements: string[]
}

/**
 * A knex that records the SQL a run would execute and changes nothing.
 * PostgreSQL: recordingPostgresKnex. SQLite: a private in-memory database holding a copy of the
 * real file's schema (not its data), so that statements which must read the schema — knex's
 * table rebuilds — render the real SQL; the file itself is only read, and never created.
 */
export function scratchDatabase(target: DatabaseTarget, sqliteFileExists: boolean): ScratchDatabase {
  const statements: string[] = []
  if (target.dialect === 'postgresql') return {knex: recordingPostgresKnex((sql) => statements.push(sql)), statements}

  const schema = !target.memory && sqliteFileExists ? readSqliteSchema(target.filename) : []
  const knex = singleSqliteConnection(knexFactory, ':memory:', (conn) => {
    for (const sql of schema) conn.exec(sql)
  })
  useImmediateTransactions(knex)
  const client = knex.client as unknown as AnyClient
  knex.on('query', (query: {sql: string; bindings?: unknown[]}) => {
    statements.push(interpolate(client, query.sql, query.bindings, /\?/g))
  })
  return {knex, statements}
}

function readSqliteSchema(file: string): string[] {
  const db = new Database(file, {readonly: true, fileMustExist: true})
  try {
    const rows = db
      .prepare("select sql from sqlite_master where sql is not null and name not like 'sqlite\\_%' escape '\\' order by case type when 'table' then 0 when 'index' then 1 else 2 end")
      .all() as Array<{sql: string}>
    return rows.map((row) => row.sql)
  } finally {
    db.close()
  }
}
