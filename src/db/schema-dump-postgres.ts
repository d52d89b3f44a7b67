import type {Knex} from 'knex'

import type {ConstraintDump, ConstraintKind, EnumDump, IndexDump, TableDump} from './schema-dump-types.js'
import {normaliseSql} from './schema-dump-types.js'

const KINDS: Record<string, ConstraintKind> = {p: 'primary', f: 'foreign', u: 'unique', c: 'check'}

/** PostgreSQL: pg_catalog for the `public` schema; definitions as pg_get_*def prints them. */
export async function dumpPostgresSchema(knex: Knex): Promise<{tables: TableDump[]; enums: EnumDump[]}> {
  const columns = await rows<{table: string; name: string; type: string; notnull: boolean; default: string | null}>(knex, `
    SELECT c.relname AS table, a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type,
           a.attnotnull AS notnull, pg_get_expr(d.adbin, d.adrelid) AS default
    FROM pg_class c
    JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
    JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
    LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum
    WHERE c.relkind IN ('r', 'p')`)
  const indexes = await rows<{table: string; name: string; definition: string; unique: boolean; method: string; predicate: string | null; keys: string[]}>(knex, `
    SELECT t.relname AS table, i.relname AS name, pg_get_indexdef(i.oid) AS definition, x.indisunique AS unique,
           am.amname AS method, pg_get_expr(x.indpred, x.indrelid) AS predicate,
           ARRAY(SELECT pg_get_indexdef(i.oid, k, true) || CASE WHEN x.indoption[k - 1] & 1 = 1 THEN ' DESC' ELSE '' END
                 FROM generate_series(1, x.indnkeyatts) AS k) AS keys
    FROM pg_index x
    JOIN pg_class i ON i.oid = x.indexrelid
    JOIN pg_class t ON t.oid = x.indrelid
    JOIN pg_namespace n ON n.oid = t.relnamespace AND n.nspname = 'public'
    JOIN pg_am am ON am.oid = i.relam`)
  const constraints = await rows<{table: string; name: string; type: string; definition: string}>(knex, `
    SELECT t.relname AS table, con.conname AS name, con.contype AS type, pg_get_constraintdef(con.oid) AS definition
    FROM pg_constraint con
    JOIN pg_class t ON t.oid = con.conrelid
    JOIN pg_namespace n ON n.oid = t.relnamespace AND n.nspname = 'public'
    WHERE con.contype IN ('p', 'f', 'u', 'c')`)
  const enumRows = await rows<{name: string; labels: string[]}>(knex, `
    SELECT t.typname AS name, ARRAY(SELECT e.enumlabel::text FROM pg_enum e WHERE e.enumtypid = t.oid ORDER BY e.enumsortorder) AS labels
    FROM pg_type t
    JOIN pg_namespace n ON n.oid = t.typnamespace AND n.nspname = 'public'
    WHERE t.typtype = 'e'`)

  const tables = new Map<string, TableDump>()
  const table = (name: string): TableDump => {
    const existing = tables.get(name) ?? {name, columns: [], indexes: [], constraints: []}
    tables.set(name, existing)
    return existing
  }

  for (const column of columns) {
    table(column.table).columns.push({name: column.name, type: column.type, nullable: !column.notnull, default: column.default})
  }

  for (const index of indexes) {
    const dump: IndexDump = {
      name: index.name,
      columns: index.keys,
      unique: index.unique,
      predicate: index.predicate,
      method: index.method,
      definition: normaliseSql(index.definition),
    }
    table(index.table).indexes.push(dump)
  }

  for (const constraint of constraints) {
    const dump: ConstraintDump = {name: constraint.name, kind: KINDS[constraint.type], definition: normaliseSql(constraint.definition)}
    table(constraint.table).constraints.push(dump)
  }

  return {tables: [...tables.values()], enums: enumRows}
}

async function rows<T>(knex: Knex, sql: string): Promise<T[]> {
  return ((await knex.raw(sql)) as {rows: T[]}).rows
}
