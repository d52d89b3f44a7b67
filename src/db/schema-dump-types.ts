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
