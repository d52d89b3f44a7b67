import type {Knex} from 'knex'

import {sendStatements} from '../../db/raw-statements.js'
import type {MigrationContext} from '../types.js'

/*
 * Column building blocks shared by the revisions. Released revisions depend on exactly what these
 * emit, so they are frozen: to change a definition, add a new helper and use it from new
 * revisions only.
 */

/** A random version-4 UUID in SQLite SQL, the same shape as PostgreSQL's gen_random_uuid(). */
export const SQLITE_UUID_DEFAULT =
  "(lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' || " +
  "substr('89ab', abs(random()) % 4 + 1, 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6))))"

/** Now in UTC with milliseconds; SQLite's CURRENT_TIMESTAMP has only whole seconds. */
export const SQLITE_NOW = "(strftime('%Y-%m-%d %H:%M:%f', 'now'))"

export function uuidDefault({knex, dialect}: MigrationContext): Knex.Raw {
  return knex.raw(dialect === 'sqlite' ? SQLITE_UUID_DEFAULT : 'gen_random_uuid()')
}

export function nowDefault({knex, dialect}: MigrationContext): Knex.Raw {
  return knex.raw(dialect === 'sqlite' ? SQLITE_NOW : 'now()')
}

/** A JSON literal as a column default: `'[]'` on both dialects. */
export function jsonDefault({knex}: MigrationContext, value: '[]' | '{}'): Knex.Raw {
  return knex.raw(`'${value}'`)
}

/** `id` (primary key `pk_<table>`), `created` and `updated` (indexed): every table has them. */
export function baseColumns(t: Knex.CreateTableBuilder, context: MigrationContext, table: string): void {
  t.uuid('id').notNullable().defaultTo(uuidDefault(context))
  t.timestamp('created', {useTz: true}).notNullable().defaultTo(nowDefault(context))
  t.timestamp('updated', {useTz: true}).notNullable().defaultTo(nowDefault(context))
  t.primary(['id'], `pk_${table}`)
  t.index(['updated'], `ix_${table}__updated`)
}

/** CREATE TABLE with the base columns, then the table's own columns and constraints. */
export async function createTable(
  context: MigrationContext,
  table: string,
  body: (t: Knex.CreateTableBuilder) => void,
): Promise<void> {
  const builder = context.knex.schema.createTable(table, (t) => {
    baseColumns(t, context, table)
    body(t)
  })
  const statements = builder.toSQL()
  if (statements.some((statement) => statement.bindings.length > 0)) {
    await builder
    return
  }

  // The table with its indexes and constraints in one call: ~150 round trips fewer per full
  // upgrade on PostgreSQL, and on SQLite one exec instead of a knex query per statement.
  await runStatements(context, statements.map((statement) => statement.sql))
}

/** Run DDL statements in order, in one call to the driver (see sendStatements). */
export async function runStatements({knex, dialect}: MigrationContext, statements: readonly string[]): Promise<void> {
  await sendStatements(knex, dialect, statements)
}

/**
 * An enum column: the native type on PostgreSQL (created with createEnumType), text limited by
 * a CHECK constraint `ck_<table>__<column>` on SQLite.
 */
export function enumColumn(
  t: Knex.CreateTableBuilder,
  {dialect}: MigrationContext,
  table: string,
  column: string,
  type: {name: string; labels: readonly string[]},
): Knex.ColumnBuilder {
  if (dialect === 'postgresql') return t.specificType(column, type.name)
  t.check(`?? IN (${type.labels.map((label) => `'${label}'`).join(', ')})`, [column], `ck_${table}__${column}`)
  return t.string(column)
}

export async function createEnumType({knex, dialect}: MigrationContext, type: {name: string; labels: readonly string[]}): Promise<void> {
  if (dialect !== 'postgresql') return
  await knex.raw(`CREATE TYPE ${type.name} AS ENUM (${type.labels.map((label) => `'${label}'`).join(', ')})`)
}

export async function dropEnumType({knex, dialect}: MigrationContext, name: string): Promise<void> {
  if (dialect === 'postgresql') await knex.raw(`DROP TYPE ${name}`)
}
