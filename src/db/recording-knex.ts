import knexFactory, {type Knex} from 'knex'

import {QUIET} from './connect.js'

interface QueryObject {
  sql: string
  bindings?: unknown[]
  method?: string
  returning?: unknown
  response?: unknown
}

export interface AnyClient {
  _escapeBinding(value: unknown): string
  acquireConnection(): Promise<unknown>
  releaseConnection(connection: unknown): Promise<void>
  _query(connection: unknown, obj: QueryObject): Promise<unknown>
}

export interface RecordedQuery {
  /** The statement with its parameters written in as literals. */
  sql: string
  /** Whether it had parameters (its literal form is then our rendering, not what knex would send). */
  parameterised: boolean
  /** knex's query method: 'select', 'first', 'pluck', 'raw', 'insert', … */
  method?: string
  returning?: unknown
}

/**
 * A PostgreSQL knex that sends nothing anywhere: each query goes to `record` and returns no
 * rows. A subclass of the pg client, not instance overrides: transactions build their client
 * from the prototype. The version is fixed so that knex does not ask a server for it.
 */
export function recordingPostgresKnex(record: (sql: string, query: RecordedQuery) => void): Knex {
  const PgClient = (knexFactory({client: 'pg'}).client as object).constructor as new (config: Knex.Config) => AnyClient
  class RecordingClient extends PgClient {
    // The connection sendStatements writes to records as well.
    override async acquireConnection() {
      const raw = (sql: string) => record(sql, {sql, parameterised: false, method: 'raw'})
      return {query: async (sql: string) => raw(sql), exec: raw}
    }

    override async releaseConnection() {}

    override async _query(_connection: unknown, obj: QueryObject) {
      const sql = interpolate(this, obj.sql, obj.bindings, /\$(\d+)/g)
      record(sql, {sql, parameterised: (obj.bindings?.length ?? 0) > 0, method: obj.method, returning: obj.returning})
      const select = ['select', 'first', 'pluck'].includes(obj.method ?? '')
      obj.response = {rows: [], rowCount: 0, command: select ? 'SELECT' : '', fields: []}
      return obj
    }
  }

  return knexFactory({client: RecordingClient as unknown as typeof Knex.Client, version: '16.0', log: QUIET})
}

export function interpolate(client: AnyClient, sql: string, bindings: unknown[] | undefined, placeholder: RegExp): string {
  if (!bindings || bindings.length === 0) return sql
  let next = 0
  return sql.replace(placeholder, (match, position?: string) => {
    const index = position === undefined || typeof position !== 'string' ? next++ : Number(position) - 1
    return index < bindings.length ? client._escapeBinding(bindings[index]) : match
  })
}
