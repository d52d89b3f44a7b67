import type {Knex} from 'knex'

import {dumpPostgresSchema} from './schema-dump-postgres.js'
import {dumpSqliteSchema} from './schema-dump-sqlite.js'
import type {Dialect} from './target.js'

/**
 * A normalised description of a database schema, stable enough to compare two databases (or one
 * database before and after a revision) as plain text: everything is sorted by name, SQL text is
 * whitespace- and quote-normalised. Columns are sorted by name too, because SQLite appends
 * re-added columns at the end and column order is not part of the logical schema.
 */
export interface ColumnDump {
  name: string
  type: string
  nullable: boolean
  default: string | null
}

export interface IndexDump {
  name: string
  /** Column names, or the expression text for expression keys; `DESC` appended where descending. */
  columns: string[]
  unique: boolean
  /** The WHERE clause of a partial index, without the keyword. */
  predicate: string | null
  /** Access method on PostgreSQL (btree, gin, …); always btree on SQLite. */
  method: string
  /** The full definition as the database reports it, normalised. */
  definition: string
}

export type ConstraintKind = 'primary' | 'foreign' | 'unique' | 'check'

export interface ConstraintDump {
  /** Null where SQLite does not report a name (primary keys and foreign keys). */
  name: string | null
  kind: ConstraintKind
  definition: string
}

export interface TableDump {
  name: string
  columns: ColumnDump[]
  indexes: IndexDump[]
  constraints: ConstraintDump[]
}

export interface EnumDump {
  name: string
  labels: string[]
}

export interface SchemaDump {
  dialect: Dialect
  tables: TableDump[]
  /** Native enum types (PostgreSQL only; empty on SQLite). */
  enums: EnumDump[]
}

export interface DumpOptions {
  /** Table names to leave out, e.g. the engine's version table `prefect_migrations`. */
  exclude?: string[]
}

export async function dumpSchema(knex: Knex, dialect: Dialect, options: DumpOptions = {}): Promise<SchemaDump> {
  const exclude = new Set(options.exclude ?? [])
  const raw = dialect === 'sqlite' ? await dumpSqliteSchema(knex) : await dumpPostgresSchema(knex)
  const tables = raw.tables.filter((table) => !exclude.has(table.name))
  return {
    dialect,
    enums: [...raw.enums].sort((a, b) => compare(a.name, b.name)),
    tables: tables
      .map((table) => ({
        name: table.name,
        columns: [...table.columns].sort((a, b) => compare(a.name, b.name)),
        indexes: [...table.indexes].sort((a, b) => compare(a.name, b.name)),
        constraints: [...table.constraints].sort(
          (a, b) => compare(a.kind, b.kind) || compare(a.name ?? '', b.name ?? '') || compare(a.definition, b.definition),
        ),
      }))
      .sort((a, b) => compare(a.name, b.name)),
  }
}

/** One line per fact, indented under its table, so a diff of two dumps reads naturally. */
export function formatSchemaDump(dump: SchemaDump): string {
  const lines: string[] = [`dialect ${dump.dialect}`]
  for (const type of dump.enums) lines.push(`enum ${type.name} (${type.labels.join(', ')})`)
  for (const table of dump.tables) {
    lines.push(`table ${table.name}`)
    for (const column of table.columns) {
      const dflt = column.default === null ? '' : ` DEFAULT ${column.default}`
      lines.push(`  column ${column.name} ${column.type}${column.nullable ? ' NULL' : ' NOT NULL'}${dflt}`)
    }

    for (const constraint of table.constraints) {
      lines.push(`  ${constraint.kind} ${constraint.name ?? '-'} ${constraint.definition}`)
    }

    for (const index of table.indexes) {
      const where = index.predicate === null ? '' : ` WHERE ${index.predicate}`
      const unique = index.unique ? 'unique ' : ''
      lines.push(`  ${unique}index ${index.name} ${index.method} (${index.columns.join(', ')})${where}`)
      lines.push(`    ${index.definition}`)
    }
  }

  return `${lines.join('\n')}\n`
}

/** Collapse whitespace, drop identifier quotes and the space just inside parentheses. */
export function normaliseSql(sql: string): string {
  return sql
    .replaceAll(/[`"]/g, '')
    .replaceAll(/\s+/g, ' ')
    .replaceAll(/\(\s+/g, '(')
    .replaceAll(/\s+\)/g, ')')
    .trim()
}

const KEYWORDS = /\b(create|unique|index|on|where|and|or|not|is|null|in|asc|desc|using|check|constraint)\b/gi

/** normaliseSql, plus SQL keywords in upper case (outside string literals): knex writes `on`, people write `ON`. */
export function normaliseStatement(sql: string): string {
  return normaliseSql(sql)
    .split("'")
    .map((part, i) => (i % 2 === 0 ? part.replaceAll(KEYWORDS, (word) => word.toUpperCase()) : part))
    .join("'")
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
