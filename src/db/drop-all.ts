import type {Knex} from 'knex'

import type {Dialect} from './target.js'

/**
 * Drop every table (and view) of the database as it is now, whatever created it, like
 * Prefect's `drop_db`: reflect the live schema rather than trusting our revisions. On
 * PostgreSQL this is the current schema, with CASCADE, plus its enum types; on SQLite foreign
 * keys are off while dropping (the caller's connection has them off already).
 */
export async function dropEverything(knex: Knex | Knex.Transaction, dialect: Dialect): Promise<string[]> {
  if (dialect === 'sqlite') {
    const objects = (await knex.raw(
      "select type, name from sqlite_master where type in ('table', 'view') and name not like 'sqlite\\_%' escape '\\' order by type desc, name",
    )) as Array<{type: string; name: string}>
    for (const {type, name} of objects) await knex.raw(`drop ${type} if exists ??`, [name])
    return objects.filter((o) => o.type === 'table').map((o) => o.name)
  }

  const views = (await knex.raw(
    "select table_name as name from information_schema.views where table_schema = current_schema()",
  )) as {rows: Array<{name: string}>}
  for (const {name} of views.rows) await knex.raw('drop view if exists ?? cascade', [name])
  const tables = (await knex.raw('select tablename as name from pg_catalog.pg_tables where schemaname = current_schema() order by tablename')) as {rows: Array<{name: string}>}
  for (const {name} of tables.rows) await knex.raw('drop table if exists ?? cascade', [name])
  const types = (await knex.raw(
    "select t.typname as name from pg_catalog.pg_type t join pg_catalog.pg_namespace n on n.oid = t.typnamespace where t.typtype = 'e' and n.nspname = current_schema()",
  )) as {rows: Array<{name: string}>}
  for (const {name} of types.rows) await knex.raw('drop type if exists ?? cascade', [name])
  return tables.rows.map((row) => row.name)
}
