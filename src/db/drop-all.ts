import type {Knex} from 'knex'

import {PREFECT_ENUM_TYPES, PREFECT_TABLES} from '../migrations/prefect-data.js'
import {MigrationError} from '../errors.js'
import type {Dialect} from './target.js'

/** Our own bookkeeping beside alembic_version. */
const OUR_TABLES = ['prefect_migrations']
const RESETTABLE = new Set([...PREFECT_TABLES, ...OUR_TABLES])

/** Prefect's tables that hold its data: all but alembic_version (what copy, backup and restore carry). */
export const PREFECT_DATA_TABLES: ReadonlySet<string> = new Set(PREFECT_TABLES.filter((table) => table !== 'alembic_version'))

export interface TablesByOwner {
  /** Tables some revision of Prefect's chains creates, and our log: what reset drops. */
  prefect: string[]
  /** Everything else: other applications' tables, which reset keeps. */
  other: string[]
}

/**
 * Split table names into Prefect's (and ours) and the rest. `owned` adds the tables of a chain of
 * the caller's own (ResetOptions.ownedTables) to the first group.
 */
export function tablesByOwner(tables: readonly string[], owned: readonly string[] = []): TablesByOwner {
  const ours = (name: string) => RESETTABLE.has(name) || owned.includes(name)
  return {prefect: tables.filter((name) => ours(name)), other: tables.filter((name) => !ours(name))}
}

/**
 * Drop what belongs to Prefect's chains (any table or enum type some revision of either chain
 * creates, including ones later revisions removed) and our log, and nothing else. Unlike
 * Prefect's `drop_db`, another application's tables in the same database stay, rows and all.
 * On PostgreSQL nothing is dropped with CASCADE: if another application's view or foreign key
 * depends on a Prefect table, the drop fails (and the caller's transaction rolls back) rather
 * than remove what is not ours. SQLite: the caller's connection has foreign keys off.
 */
export async function dropPrefectObjects(knex: Knex | Knex.Transaction, dialect: Dialect, owned: readonly string[] = []): Promise<TablesByOwner> {
  const {prefect, other} = tablesByOwner(await listTables(knex, dialect), owned)
  if (dialect === 'sqlite') {
    for (const name of prefect) await knex.raw('drop table if exists ??', [name])
    return {prefect, other}
  }

  // One statement: PostgreSQL resolves the foreign keys among the dropped tables itself.
  try {
    if (prefect.length > 0) await knex.raw(`drop table ${prefect.map(() => '??').join(', ')}`, prefect)
  } catch (error) {
    const {code, detail} = error as {code?: string; detail?: string}
    if (code !== '2BP01') throw error
    // dependent_objects_still_exist: another application's view or foreign key needs a Prefect table.
    throw new MigrationError(
      `Reset dropped nothing: ${(detail ?? 'another object depends on a Prefect table').split('\n')[0].replace(/\.$/, '')}, and reset drops nothing that is not Prefect's.`,
      'Remove that dependency (or the object), then run the reset again.',
    )
  }
  const types = (await knex.raw(
    "select t.typname as name from pg_catalog.pg_type t join pg_catalog.pg_namespace n on n.oid = t.typnamespace where t.typtype = 'e' and n.nspname = current_schema()",
  )) as {rows: Array<{name: string}>}
  const ours = types.rows.map((row) => row.name).filter((name) => PREFECT_ENUM_TYPES.includes(name))
  if (ours.length > 0) await knex.raw(`drop type ${ours.map(() => '??').join(', ')}`, ours)
  return {prefect, other}
}

/** The tables of the database (SQLite) or of its current schema (PostgreSQL), by name. */
export async function listTables(knex: Knex | Knex.Transaction, dialect: Dialect): Promise<string[]> {
  if (dialect === 'sqlite') {
    const rows = (await knex.raw(listTablesSql(dialect))) as Array<{name: string}>
    return rows.map((row) => row.name)
  }

  const result = (await knex.raw(listTablesSql(dialect))) as {rows: Array<{name: string}>}
  return result.rows.map((row) => row.name)
}

/** The statement listTables sends (also sent through a plain connection: record.ts readStateRaw). */
export function listTablesSql(dialect: Dialect): string {
  return dialect === 'sqlite'
    ? "select name from sqlite_master where type = 'table' and name not like 'sqlite\\_%' escape '\\' order by name"
    : 'select tablename as name from pg_catalog.pg_tables where schemaname = current_schema() order by tablename'
}
