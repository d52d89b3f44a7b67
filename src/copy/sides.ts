/**
 * The two ends of a copy, on their own drivers (not knex): a SQLite file through better-sqlite3,
 * a PostgreSQL database through one pg client with COPY streams (pg-copy-streams). Each end can
 * describe its tables, read them in batches, and (as a target) load them.
 */
import {once} from 'node:events'
import {finished} from 'node:stream/promises'

import Database from 'better-sqlite3'
import pg from 'pg'
import copyStreams from 'pg-copy-streams'

import {toPrefectError} from '../db/connection-errors.js'
import {postgresClientConfig} from '../db/postgres-config.js'
import type {DatabaseTarget, Dialect, PostgresTarget, SqliteTarget} from '../db/target.js'
import {BINARY_HEADER, BINARY_TRAILER, binaryStreamDigest} from './copy-binary.js'
import {copyTextLines, copyTextRows} from './copy-text.js'
import {type ColumnKind, pgProjection, quoteIdent, type SqliteValue} from './values.js'

export interface ColumnInfo {
  name: string
  /** SQLite's declared type, or PostgreSQL's format_type(). */
  type: string
}

export interface TableInfo {
  name: string
  columns: ColumnInfo[]
  /** Tables this one has foreign keys to (itself excluded). */
  references: string[]
}

/** A cell as this end stores it: SQLite values, or PostgreSQL text (see values.ts). */
export type Cell = SqliteValue
export type Row = Cell[]

export interface ReadColumn {
  name: string
  kind: ColumnKind
}

const BATCH_ROWS = 500

/**
 * Rows in batches of BATCH_ROWS (the last one shorter). A synchronous source (better-sqlite3's
 * iterator) is read synchronously: no promise per row on the copy's hot path.
 */
async function* inBatches<T>(rows: Iterable<T> | AsyncIterable<T>): AsyncIterable<T[]> {
  let batch: T[] = []
  if (Symbol.iterator in rows) {
    for (const row of rows) {
      batch.push(row)
      if (batch.length >= BATCH_ROWS) {
        yield batch
        batch = []
      }
    }
  } else {
    for await (const row of rows) {
      batch.push(row)
      if (batch.length >= BATCH_ROWS) {
        yield batch
        batch = []
      }
    }
  }

  if (batch.length > 0) yield batch
}

export interface CopyEnd {
  readonly dialect: Dialect
  readonly target: DatabaseTarget
  tables(): Promise<Map<string, TableInfo>>
  count(table: string): Promise<number>
  /** The rows of a table, in batches, each cell in this end's form. */
  read(table: string, columns: readonly ReadColumn[]): AsyncIterable<Row[]>
  close(): Promise<void>
}

export interface LoadTarget extends CopyEnd {
  /** Open the load's one transaction (and whatever makes loading fast inside it). */
  begin(tables: readonly string[]): Promise<void>
  /** Rebuild what begin() set aside (indexes, constraints); runs inside the transaction. */
  finishLoad(): Promise<void>
  commit(): Promise<void>
  rollback(): Promise<void>
}

// ---------------------------------------------------------------------------------------------
// SQLite

export class SqliteEnd implements LoadTarget {
  readonly dialect = 'sqlite' as const
  readonly db: Database.Database
  private droppedIndexes: Array<{name: string; sql: string}> = []

  constructor(
    readonly target: SqliteTarget,
    mode: 'read' | 'write',
  ) {
    try {
      this.db = new Database(target.filename, {readonly: mode === 'read', fileMustExist: mode === 'read'})
    } catch (error) {
      throw toPrefectError(error, target, 'Opening')
    }

    this.db.pragma(`busy_timeout = ${Math.round((target.options.timeoutSeconds ?? 60) * 1000)}`)
    if (mode === 'write') {
      this.db.pragma('foreign_keys = ON')
      this.db.pragma('cache_size = -65536')
    }
  }

  /** A read transaction: every read after this sees one snapshot (WAL), or blocks writers (rollback journal). */
  beginSnapshot(): void {
    this.db.exec('BEGIN')
    // The snapshot starts at the first read.
    this.db.prepare('select count(*) from sqlite_master').get()
  }

  async tables(): Promise<Map<string, TableInfo>> {
    const names = this.db
      .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name")
      .pluck()
      .all() as string[]
    const tables = new Map<string, TableInfo>()
    for (const name of names) {
      const columns = (this.db.prepare(`pragma table_info(${quoteIdent(name)})`).all() as Array<{name: string; type: string}>).map((column) => ({
        name: column.name,
        type: column.type,
      }))
      const references = [
        ...new Set((this.db.prepare(`pragma foreign_key_list(${quoteIdent(name)})`).all() as Array<{table: string}>).map((fk) => fk.table)),
      ].filter((table) => table !== name)
      tables.set(name, {name, columns, references})
    }

    return tables
  }

  async count(table: string): Promise<number> {
    return Number(this.db.prepare(`select count(*) from ${quoteIdent(table)}`).pluck().get())
  }

  async *read(table: string, columns: readonly ReadColumn[]): AsyncIterable<Row[]> {
    const statement = this.db.prepare(`select ${columns.map((column) => quoteIdent(column.name)).join(', ')} from ${quoteIdent(table)}`)
    statement.raw(true).safeIntegers(true)
    yield* inBatches(statement.iterate() as IterableIterator<Row>)
  }

  async begin(tables: readonly string[]): Promise<void> {
    // The load's one transaction, the write lock taken up front; foreign keys checked at its commit.
    this.db.exec('BEGIN IMMEDIATE')
    this.db.pragma('defer_foreign_keys = ON')
    const placeholders = tables.map(() => '?').join(', ')
    this.droppedIndexes = this.db
      .prepare(`select name, sql from sqlite_master where type = 'index' and sql is not null and tbl_name in (${placeholders}) order by rowid`)
      .all(...tables) as Array<{name: string; sql: string}>
    for (const index of this.droppedIndexes) this.db.exec(`drop index ${quoteIdent(index.name)}`)
  }

  async load(table: string, columns: readonly ReadColumn[], batches: AsyncIterable<Row[]>): Promise<number> {
    const insert = this.db.prepare(
      `insert into ${quoteIdent(table)} (${columns.map((column) => quoteIdent(column.name)).join(', ')}) values (${columns.map(() => '?').join(', ')})`,
    )
    let written = 0
    for await (const batch of batches) {
      for (const row of batch) insert.run(row)
      written += batch.length
    }

    return written
  }

  async finishLoad(): Promise<void> {
    for (const index of this.droppedIndexes) this.db.exec(index.sql)
    this.droppedIndexes = []
  }

  /** Foreign keys the load left dangling, by table (deferred checks fail only at COMMIT). */
  foreignKeyViolations(): Map<string, number> {
    const violations = new Map<string, number>()
    for (const row of this.db.prepare('pragma foreign_key_check').all() as Array<{table: string}>) {
      violations.set(row.table, (violations.get(row.table) ?? 0) + 1)
    }

    return violations
  }

  async commit(): Promise<void> {
    this.db.exec('COMMIT')
  }

  async rollback(): Promise<void> {
    if (this.db.inTransaction) this.db.exec('ROLLBACK')
  }

  async close(): Promise<void> {
    if (this.db.open) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK')
      this.db.close()
    }
  }
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL

interface SetAside {
  constraints: Array<{table: string; name: string; definition: string; type: string}>
  indexes: Array<{name: string; definition: string}>
}

export class PostgresEnd implements LoadTarget {
  readonly dialect = 'postgresql' as const
  private setAside: SetAside = {constraints: [], indexes: []}
  private orderedScans = false

  private constructor(
    readonly target: PostgresTarget,
    readonly client: pg.Client,
  ) {}

  static async connect(target: PostgresTarget): Promise<PostgresEnd> {
    const client = new pg.Client(postgresClientConfig(target, {statementTimeoutSeconds: null}))
    // An error event without a listener would end the process: a lost connection surfaces as the
    // failure of the statement that was running.
    client.on('error', () => {})
    try {
      await client.connect()
    } catch (error) {
      throw toPrefectError(error, target, 'Connecting')
    }

    return new PostgresEnd(target, client)
  }

  /** One repeatable-read, read-only snapshot for everything read after this. */
  async beginSnapshot(): Promise<void> {
    await this.client.query('begin isolation level repeatable read read only')
    await this.client.query("set local timezone = 'UTC'; set local datestyle = 'ISO, YMD'; set local intervalstyle = 'postgres'")
  }

  /** Which server and database this is: equal for two connections to the same database. */
  async identity(): Promise<string> {
    const result = await this.client.query<{id: string}>(
      "select concat_ws('/', pg_postmaster_start_time()::text, current_setting('port'), current_setting('data_directory', true), current_database(), current_schema()) as id",
    )
    return result.rows[0].id
  }

  async tables(): Promise<Map<string, TableInfo>> {
    const columns = await this.client.query<{table: string; column: string; type: string}>(
      `select c.relname as table, a.attname as column, format_type(a.atttypid, a.atttypmod) as type
         from pg_attribute a join pg_class c on c.oid = a.attrelid
        where c.relnamespace = current_schema()::regnamespace and c.relkind in ('r', 'p')
          and a.attnum > 0 and not a.attisdropped and a.attgenerated = ''
        order by c.relname, a.attnum`,
    )
    const references = await this.client.query<{table: string; referenced: string}>(
      `select distinct c.relname as table, r.relname as referenced
         from pg_constraint k join pg_class c on c.oid = k.conrelid join pg_class r on r.oid = k.confrelid
        where k.contype = 'f' and c.relnamespace = current_schema()::regnamespace`,
    )
    const tables = new Map<string, TableInfo>()
    for (const row of columns.rows) {
      let table = tables.get(row.table)
      if (!table) {
        table = {name: row.table, columns: [], references: []}
        tables.set(row.table, table)
      }

      table.columns.push({name: row.column, type: row.type})
    }

    for (const row of references.rows) {
      if (row.table !== row.referenced) tables.get(row.table)?.references.push(row.referenced)
    }

    return tables
  }

  async count(table: string): Promise<number> {
    const result = await this.client.query<{count: string}>(`select count(*) as count from ${quoteIdent(table)}`)
    return Number(result.rows[0].count)
  }

  async *read(table: string, columns: readonly ReadColumn[]): AsyncIterable<Row[]> {
    const select = columns.map((column) => pgProjection(column.name, column.kind)).join(', ')
    const stream = this.client.query(copyStreams.to(`copy (select ${select} from ${quoteIdent(table)}) to stdout`))
    yield* inBatches(copyTextRows(stream))
  }

  /**
   * The load's transaction. Indexes, primary keys, unique constraints and foreign keys of the
   * loaded tables are set aside (dropped inside the transaction) and rebuilt by finishLoad():
   * one sort per index instead of an insert per row, and no foreign key trigger per row. Their
   * definitions come from pg_get_indexdef/pg_get_constraintdef, so they come back as they were.
   */
  async begin(tables: readonly string[]): Promise<void> {
    await this.client.query('begin')
    await this.client.query("set local timezone = 'UTC'; set local datestyle = 'ISO, YMD'; set local intervalstyle = 'postgres'")
    // Index and key rebuilds after the load sort in memory where they can.
    await this.client.query("set local maintenance_work_mem = '256MB'")
    const constraints = await this.client.query<{table: string; name: string; definition: string; type: string}>(
      `select c.relname as table, k.conname as name, pg_get_constraintdef(k.oid) as definition, k.contype as type
         from pg_constraint k join pg_class c on c.oid = k.conrelid
        where c.relnamespace = current_schema()::regnamespace and c.relname = any($1) and k.contype in ('p', 'u', 'f')
        order by case k.contype when 'f' then 0 else 1 end, k.oid`,
      [tables],
    )
    const indexes = await this.client.query<{name: string; definition: string}>(
      `select i.relname as name, pg_get_indexdef(i.oid) as definition
         from pg_index x join pg_class i on i.oid = x.indexrelid join pg_class c on c.oid = x.indrelid
        where c.relnamespace = current_schema()::regnamespace and c.relname = any($1)
          and not exists (select 1 from pg_constraint k where k.conindid = x.indexrelid and k.conrelid = x.indrelid and k.contype in ('p', 'u', 'x'))
        order by i.oid`,
      [tables],
    )
    this.setAside = {constraints: constraints.rows, indexes: indexes.rows}
    // Foreign keys first (they depend on the unique indexes they reference), then the rest.
    for (const constraint of constraints.rows) {
      await this.client.query(`alter table ${quoteIdent(constraint.table)} drop constraint ${quoteIdent(constraint.name)}`)
    }

    for (const index of indexes.rows) await this.client.query(`drop index ${quoteIdent(index.name)}`)
    // Empty already (checked); truncated in this transaction so that COPY may write frozen rows:
    // no hint-bit rewrite and no freezing vacuum of the whole load later.
    if (tables.length > 0) await this.client.query(`truncate table ${tables.map(quoteIdent).join(', ')}`)
  }

  /**
   * The digest of the table's tuples in COPY's binary format, in the order they are stored (the
   * columns as they are, no projection): see binaryStreamDigest. Read with one plain sequential
   * scan (no parallel workers, no synchronised start), which returns a table loaded by one COPY
   * in this transaction in the order it was loaded.
   */
  async tupleDigest(table: string, columns: readonly ReadColumn[]): Promise<string | null> {
    if (!this.orderedScans) await this.client.query('set local max_parallel_workers_per_gather = 0; set local synchronize_seqscans = off')
    this.orderedScans = true
    const select = columns.map((column) => quoteIdent(column.name)).join(', ')
    return binaryStreamDigest(this.client.query(copyStreams.to(`copy (select ${select} from ${quoteIdent(table)}) to stdout with (format binary)`)))
  }

  /** The table's lines exactly as COPY TO prints them (same projection as read()), in batches. */
  readLines(table: string, columns: readonly ReadColumn[]): AsyncIterable<Buffer[]> {
    const select = columns.map((column) => pgProjection(column.name, column.kind)).join(', ')
    return copyTextLines(this.client.query(copyStreams.to(`copy (select ${select} from ${quoteIdent(table)}) to stdout`)), BATCH_ROWS)
  }

  /** Load COPY text, given in chunks of whole lines; or, `binary`, COPY's binary format (header and trailer added here). */
  async loadText(table: string, columns: readonly ReadColumn[], chunks: AsyncIterable<string | Buffer>, binary = false): Promise<void> {
    const stream = this.client.query(
      copyStreams.from(
        `copy ${quoteIdent(table)} (${columns.map((column) => quoteIdent(column.name)).join(', ')}) from stdin with (freeze${binary ? ', format binary' : ''})`,
      ),
    )
    if (binary) stream.write(BINARY_HEADER)
    let failure: Error | undefined
    stream.on('error', (error: Error) => {
      failure ??= error
    })
    for await (const chunk of chunks) {
      if (failure) break
      // events.once rejects when 'error' comes first, and removes its listeners either way.
      if (!stream.write(chunk)) await once(stream, 'drain').catch(() => {})
    }

    if (!failure) {
      stream.end(binary ? BINARY_TRAILER : undefined)
      await finished(stream).catch(() => {})
    }

    if (failure) throw failure
  }

  async finishLoad(): Promise<void> {
    const {constraints, indexes} = this.setAside
    const keys = constraints.filter((constraint) => constraint.type !== 'f')
    const foreign = constraints.filter((constraint) => constraint.type === 'f')
    for (const constraint of keys) {
      await this.client.query(`alter table ${quoteIdent(constraint.table)} add constraint ${quoteIdent(constraint.name)} ${constraint.definition}`)
    }

    for (const index of indexes) await this.client.query(index.definition)
    for (const constraint of foreign) {
      await this.client.query(`alter table ${quoteIdent(constraint.table)} add constraint ${quoteIdent(constraint.name)} ${constraint.definition}`)
    }

    this.setAside = {constraints: [], indexes: []}
  }

  async commit(): Promise<void> {
    await this.client.query('commit')
  }

  async rollback(): Promise<void> {
    await this.client.query('rollback').catch(() => {})
  }

  async close(): Promise<void> {
    await this.client.end().catch(() => {})
  }
}

export async function openEnd(target: DatabaseTarget, mode: 'read' | 'write'): Promise<SqliteEnd | PostgresEnd> {
  return target.dialect === 'sqlite' ? new SqliteEnd(target, mode) : PostgresEnd.connect(target)
}
