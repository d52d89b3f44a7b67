import {pipeline} from 'node:stream/promises'

import pg from 'pg'
import {from as copyFrom, to as copyTo} from 'pg-copy-streams'

import {postgresClientConfig} from './postgres-config.js'
import type {PostgresTarget} from './target.js'

/**
 * One read-only REPEATABLE READ transaction on a PostgreSQL database: every table and row read
 * through it comes from the same snapshot. It takes ACCESS SHARE locks only (no writer waits for
 * it; DDL on the tables it read does, until close). For a dry run, which copies the rows that
 * its revisions read into a scratch database.
 */
export class PostgresRowsSnapshot {
  private constructor(
    private readonly client: pg.Client,
    readonly taken: Date,
  ) {}

  static async open(target: PostgresTarget): Promise<PostgresRowsSnapshot> {
    const client = new pg.Client(postgresClientConfig(target, {statementTimeoutSeconds: target.options.migrationTimeoutSeconds}))
    await client.connect()
    try {
      await client.query('begin isolation level repeatable read read only')
      await client.query('select 1')
      return new PostgresRowsSnapshot(client, new Date())
    } catch (error) {
      await client.end().catch(() => {})
      throw error
    }
  }

  /** The tables of the current schema. */
  async tables(): Promise<string[]> {
    const {rows} = await this.client.query<{name: string}>("select tablename as name from pg_tables where schemaname = current_schema() order by tablename")
    return rows.map((row) => row.name)
  }

  /** Whether the table holds at least one row. */
  async hasRows(table: string): Promise<boolean> {
    const {rows} = await this.client.query<{found: boolean}>(`select exists (select 1 from ${quote(table)}) as found`)
    return rows[0]?.found ?? false
  }

  /** Each table with the tables its foreign keys point at (current schema). */
  async foreignKeyParents(): Promise<Map<string, string[]>> {
    const {rows} = await this.client.query<{child: string; parent: string}>(
      `select child.relname as child, parent.relname as parent
         from pg_constraint c
         join pg_class child on child.oid = c.conrelid
         join pg_class parent on parent.oid = c.confrelid
         join pg_namespace n on n.oid = child.relnamespace
        where c.contype = 'f' and n.nspname = current_schema()`,
    )
    const parents = new Map<string, string[]>()
    for (const {child, parent} of rows) parents.set(child, [...(parents.get(child) ?? []), parent])
    return parents
  }

  /**
   * Copy the rows of `tables` into the same tables of `scratch` (which has them, empty), in one
   * transaction there, through COPY streams (nothing is held in memory). The foreign keys of the
   * copied tables are dropped for the copy and added back after it, which checks them: the tables
   * their keys point at must be among `tables`. Columns are matched by name.
   */
  async copyInto(scratch: PostgresTarget, tables: readonly string[]): Promise<void> {
    if (tables.length === 0) return
    const destination = new pg.Client(postgresClientConfig(scratch, {statementTimeoutSeconds: null}))
    await destination.connect()
    try {
      await destination.query('begin')
      const keys = await destination.query<{table: string; name: string; definition: string}>(
        `select cl.relname as table, c.conname as name, pg_get_constraintdef(c.oid) as definition
           from pg_constraint c
           join pg_class cl on cl.oid = c.conrelid
           join pg_namespace n on n.oid = cl.relnamespace
          where c.contype = 'f' and n.nspname = current_schema() and cl.relname = any($1)
          order by c.oid`,
        [tables],
      )
      for (const key of keys.rows) await destination.query(`alter table ${quote(key.table)} drop constraint ${quote(key.name)}`)
      for (const table of tables) {
        const columns = await this.sharedColumns(destination, table)
        if (columns.length === 0) continue
        const list = columns.map(quote).join(', ')
        await pipeline(
          this.client.query(copyTo(`copy (select ${list} from ${quote(table)}) to stdout`)),
          destination.query(copyFrom(`copy ${quote(table)} (${list}) from stdin`)),
        )
      }

      for (const key of keys.rows) await destination.query(`alter table ${quote(key.table)} add constraint ${quote(key.name)} ${key.definition}`)
      await destination.query('commit')
    } finally {
      await destination.end()
    }
  }

  async close(): Promise<void> {
    try {
      await this.client.query('rollback')
    } finally {
      await this.client.end()
    }
  }

  /** The table's columns on both sides that can be written (not generated), in the scratch's order. */
  private async sharedColumns(destination: pg.Client, table: string): Promise<string[]> {
    const query = `select column_name as name from information_schema.columns
                    where table_schema = current_schema() and table_name = $1 and is_generated = 'NEVER'
                    order by ordinal_position`
    const [here, there] = await Promise.all([this.client.query<{name: string}>(query, [table]), destination.query<{name: string}>(query, [table])])
    const source = new Set(here.rows.map((row) => row.name))
    return there.rows.map((row) => row.name).filter((name) => source.has(name))
  }
}

function quote(identifier: string): string {
  return `"${identifier.replaceAll('"', '""')}"`
}
