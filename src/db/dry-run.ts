import Database from 'better-sqlite3'
import knexFactory, {type Knex} from 'knex'

import {QUIET, singleSqliteConnection} from './connect.js'
import {useImmediateTransactions} from './sqlite-setup.js'
import type {DatabaseTarget} from './target.js'

export interface DryRunDatabase {
  /** Runs nothing on the real database; every statement lands in `statements`. */
  knex: Knex
  statements: string[]
}

interface QueryObject {
  sql: string
  bindings?: unknown[]
  method?: string
  response?: unknown
}

interface AnyClient {
  _escapeBinding(value: unknown): string
  acquireConnection(): Promise<unknown>
  releaseConnection(connection: unknown): Promise<void>
  _query(connection: unknown, obj: QueryObject): Promise<unknown>
}

/**
 * A knex that records the SQL a run would execute and changes nothing.
 * PostgreSQL: the pg client with its connection methods replaced, so nothing is sent anywhere
 * and every query returns no rows. SQLite: a private in-memory database holding a copy of the
 * real file's schema (not its data), so that statements which must read the schema — knex's
 * table rebuilds — render the real SQL; the file itself is only read, and never created.
 */
export function dryRunDatabase(target: DatabaseTarget, sqliteFileExists: boolean): DryRunDatabase {
  const statements: string[] = []
  if (target.dialect === 'postgresql') {
    // A subclass, not instance overrides: transactions build their client from the prototype.
    const PgClient = (knexFactory({client: 'pg'}).client as object).constructor as new (config: Knex.Config) => AnyClient
    class RecordingClient extends PgClient {
      override async acquireConnection() {
        return {}
      }

      override async releaseConnection() {}

      override async _query(_connection: unknown, obj: QueryObject) {
        statements.push(interpolate(this, obj.sql, obj.bindings, /\$(\d+)/g))
        const select = ['select', 'first', 'pluck'].includes(obj.method ?? '')
        obj.response = {rows: [], rowCount: 0, command: select ? 'SELECT' : '', fields: []}
        return obj
      }
    }

    return {knex: knexFactory({client: RecordingClient as unknown as typeof Knex.Client, version: '16.0', log: QUIET}), statements}
  }

  const schema = !target.memory && sqliteFileExists ? readSqliteSchema(target.filename) : []
  const knex = singleSqliteConnection(':memory:', (conn) => {
    for (const sql of schema) conn.exec(sql)
  })
  useImmediateTransactions(knex)
  const client = knex.client as unknown as AnyClient
  knex.on('query', (query: {sql: string; bindings?: unknown[]}) => {
    statements.push(interpolate(client, query.sql, query.bindings, /\?/g))
  })
  return {knex, statements}
}

function interpolate(client: AnyClient, sql: string, bindings: unknown[] | undefined, placeholder: RegExp): string {
  if (!bindings || bindings.length === 0) return sql
  let next = 0
  return sql.replace(placeholder, (match, position?: string) => {
    const index = position === undefined || typeof position !== 'string' ? next++ : Number(position) - 1
    return index < bindings.length ? client._escapeBinding(bindings[index]) : match
  })
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
