import type {Knex} from 'knex'

import type {ConstraintDump, EnumDump, IndexDump, TableDump} from './schema-dump-types.js'
import {normaliseSql, normaliseStatement} from './schema-dump-types.js'

interface ColumnInfo {name: string; type: string; notnull: number; dflt_value: string | null; pk: number}
interface IndexListRow {name: string; unique: number; origin: string; partial: number}
interface IndexColumnRow {seqno: number; cid: number; name: string | null; desc: number; key: number}
interface ForeignKeyRow {id: number; seq: number; table: string; from: string; to: string; on_update: string; on_delete: string}

/** SQLite: sqlite_master and the table/index pragmas; CHECK constraints from the CREATE TABLE text. */
export async function dumpSqliteSchema(knex: Knex): Promise<{tables: TableDump[]; enums: EnumDump[]}> {
  const masters = (await knex.raw(
    "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name",
  )) as Array<{type: string; name: string; tbl_name: string; sql: string | null}>
  const indexSql = new Map(masters.filter((row) => row.type === 'index').map((row) => [row.name, row.sql]))
  const tables: TableDump[] = []
  for (const master of masters.filter((row) => row.type === 'table')) {
    const name = master.name
    const columns = (await pragma<ColumnInfo>(knex, 'table_info', name)).map((column) => ({
      name: column.name,
      type: column.type.toUpperCase(),
      nullable: column.notnull === 0 && column.pk === 0,
      default: column.dflt_value === null ? null : normaliseSql(column.dflt_value),
    }))
    const constraints: ConstraintDump[] = []
    const pk = (await pragma<ColumnInfo>(knex, 'table_info', name)).filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk)
    const pkName = /constraint (\w+) primary key/i.exec(normaliseSql(master.sql ?? ''))?.[1] ?? null
    if (pk.length > 0) constraints.push({name: pkName, kind: 'primary', definition: `PRIMARY KEY (${pk.map((c) => c.name).join(', ')})`})
    constraints.push(...foreignKeys(await pragma<ForeignKeyRow>(knex, 'foreign_key_list', name), foreignKeyNames(master.sql ?? '')))
    constraints.push(...checkConstraints(master.sql ?? ''))
    const indexes: IndexDump[] = []
    for (const index of await pragma<IndexListRow>(knex, 'index_list', name)) {
      const keys = (await pragma<IndexColumnRow>(knex, 'index_xinfo', index.name)).filter((row) => row.key === 1)
      const sql = indexSql.get(index.name) ?? null
      indexes.push({
        name: index.name,
        columns: keys.sort((a, b) => a.seqno - b.seqno).map((row) => `${row.name ?? '<expression>'}${row.desc ? ' DESC' : ''}`),
        unique: index.unique === 1,
        predicate: index.partial === 1 && sql ? normaliseStatement(sql.slice(sql.search(/\bwhere\b/i) + 5)) : null,
        method: 'btree',
        definition: sql ? normaliseStatement(sql) : `(${index.origin === 'pk' ? 'primary key' : 'unique constraint'})`,
      })
    }

    tables.push({name, columns, indexes, constraints})
  }

  return {tables, enums: []}
}

async function pragma<T>(knex: Knex, name: string, argument: string): Promise<T[]> {
  return (await knex.raw(`PRAGMA ${name}('${argument.replaceAll("'", "''")}')`)) as T[]
}

/** `CONSTRAINT name FOREIGN KEY (cols)` in a CREATE TABLE statement: constraint names by column list. */
function foreignKeyNames(createSql: string): Map<string, string> {
  const names = new Map<string, string>()
  for (const match of normaliseSql(createSql).matchAll(/constraint (\w+) foreign key ?\(([^)]*)\)/gi)) {
    names.set(match[2].split(',').map((column) => column.trim()).join(', '), match[1])
  }

  return names
}

function foreignKeys(rows: ForeignKeyRow[], names: Map<string, string>): ConstraintDump[] {
  const byId = new Map<number, ForeignKeyRow[]>()
  for (const row of rows) byId.set(row.id, [...(byId.get(row.id) ?? []), row])
  return [...byId.values()].map((parts) => {
    parts.sort((a, b) => a.seq - b.seq)
    const [first] = parts
    const from = parts.map((p) => p.from).join(', ')
    const to = parts.map((p) => p.to).join(', ')
    return {
      name: names.get(from) ?? null,
      kind: 'foreign' as const,
      definition: `FOREIGN KEY (${from}) REFERENCES ${first.table}(${to}) ON DELETE ${first.on_delete} ON UPDATE ${first.on_update}`,
    }
  })
}

/** Every CHECK (…) in a CREATE TABLE statement, named by a `CONSTRAINT name` right before it. */
export function checkConstraints(createSql: string): ConstraintDump[] {
  const sql = normaliseSql(createSql)
  const found: ConstraintDump[] = []
  let inString = false
  for (let i = 0; i < sql.length; i++) {
    if (sql[i] === "'") inString = !inString
    if (inString || !/^check\s*\(/i.test(sql.slice(i, i + 7)) || /\w/.test(sql[i - 1] ?? '')) continue
    const open = sql.indexOf('(', i)
    const close = matchingParen(sql, open)
    const named = /constraint\s+(\w+)\s*$/i.exec(sql.slice(0, i))
    found.push({name: named ? named[1] : null, kind: 'check', definition: normaliseStatement(`CHECK ${sql.slice(open, close + 1)}`)})
    i = close
  }

  return found
}

function matchingParen(sql: string, open: number): number {
  let depth = 0
  let inString = false
  for (let i = open; i < sql.length; i++) {
    if (sql[i] === "'") inString = !inString
    if (inString) continue
    if (sql[i] === '(') depth++
    if (sql[i] === ')' && --depth === 0) return i
  }

  return sql.length - 1
}
