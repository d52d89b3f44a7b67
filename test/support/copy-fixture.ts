/**
 * A SQLite database at head with rows in every one of Prefect's tables, made of the values a
 * copy between dialects gets wrong first: NULLs, empty strings, unicode and emoji, tabs,
 * newlines, quotes and backslashes, control characters, 100 KB texts, timestamps in 1970,
 * 2099, year 1 and 9999 with microseconds, nested JSON, booleans, floats, every label of each enum.
 *
 * Values are derived from the schema (column types, foreign keys), with ids made from the table
 * name and row number, so every foreign key points at a row that exists, cycles included.
 */
import crypto from 'node:crypto'

import Database from 'better-sqlite3'

import {referenceChain, referenceDump} from './reference-schema.js'

export const ROWS_PER_TABLE = 3

export function fixtureId(table: string, row: number): string {
  const hex = crypto.createHash('md5').update(`${table}:${row}`).digest('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`
}

const TIMESTAMPS = ['1970-01-01 00:00:00.000001', '2099-12-31 23:59:59.999999', '2024-02-29 12:34:56.789012', '0001-01-01 00:00:00.000000', '9999-12-31 23:59:59.999999']
const FLOATS = [1.5, 1e-7, -123456.789]
const BIG_TEXT = 'x'.repeat(50_000) + 'é😀\n'.repeat(10_000)

function text(table: string, column: string, row: number, indexed: boolean): string {
  if (row === 0) return `${table}-${column}-0 quote" apostrophe' back\\slash \\N tab\tnewline\nCRLF\r\n ünïcødé 😀 \u0001ctl`
  if (row === 1) return `${table}-${column}-1`
  // PostgreSQL cannot index a 100 KB value (a btree entry holds at most 2704 bytes): big texts go where nothing indexes them.
  return indexed ? `${table}-${column}-2 ${'ü'.repeat(500)}` : `${table}-${column}-2 ${BIG_TEXT}`
}

/** Columns some index, key or constraint of the PostgreSQL schema at head covers. */
function indexedColumns(): Set<string> {
  const dump = referenceDump('postgresql', referenceChain('postgresql').length)
  const indexed = new Set<string>()
  for (const line of dump.split('\n')) {
    const match = /^(\S+) (?:primary key|unique|index) (.*?)(?: named .*)?$/.exec(line)
    if (!match) continue
    for (const word of match[2].matchAll(/[a-z_]+/g)) indexed.add(`${match[1]}.${word[0]}`)
  }

  return indexed
}

function json(row: number): string {
  if (row === 0) return JSON.stringify({z: [1, 2.5, null, true, false, 'ü😀\n"q"\\', {deep: {deeper: [[]]}}], a: {}, m: -0.25, big: 12345678901234})
  if (row === 1) return '[]'
  return JSON.stringify({text: BIG_TEXT.slice(0, 10_000), list: Array.from({length: 50}, (_, i) => ({i, s: `v${i}`}))})
}

/** The PostgreSQL enum type of each column, from Prefect's reference dump at head. */
function enumLabels(): Map<string, string[]> {
  const dump = referenceDump('postgresql', referenceChain('postgresql').length)
  const labels = new Map<string, string[]>()
  for (const line of dump.split('\n')) {
    const match = /^enum (\S+) \((.*)\)$/.exec(line)
    if (match) labels.set(match[1], [...match[2].matchAll(/'([^']*)'/g)].map((m) => m[1]))
  }

  const columns = new Map<string, string[]>()
  for (const line of dump.split('\n')) {
    const match = /^(\S+) column (\S+) (\S+) /.exec(line)
    if (match && labels.has(match[3])) columns.set(`${match[1]}.${match[2].replaceAll('"', '')}`, labels.get(match[3])!)
  }

  return columns
}

/** Fill every Prefect table of a SQLite database at head; returns the row count per table. */
export function fillEveryTable(file: string, rows = ROWS_PER_TABLE): Map<string, number> {
  const db = new Database(file)
  const enums = enumLabels()
  const indexed = indexedColumns()
  try {
    db.pragma('foreign_keys = OFF')
    const tables = db
      .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not in ('alembic_version', 'prefect_migrations') order by name")
      .pluck()
      .all() as string[]
    const counts = new Map<string, number>()
    db.transaction(() => {
      for (const table of tables) {
        const columns = db.prepare(`pragma table_info("${table}")`).all() as Array<{name: string; type: string; notnull: number}>
        const foreign = new Map<string, string>()
        for (const fk of db.prepare(`pragma foreign_key_list("${table}")`).all() as Array<{table: string; from: string}>) foreign.set(fk.from, fk.table)
        const insert = db.prepare(`insert into "${table}" (${columns.map((c) => `"${c.name}"`).join(', ')}) values (${columns.map(() => '?').join(', ')})`)
        for (let row = 0; row < rows; row++) {
          const values = columns.map((column, index) => {
            // Row 1 leaves every nullable column NULL.
            if (row === 1 && column.notnull === 0) return null
            const parent = foreign.get(column.name)
            // Two keys to the same table (block_document_reference's parent and reference) point at different rows.
            if (parent) return fixtureId(parent, (row + index) % rows)
            if (column.name === 'id') return fixtureId(table, row)
            const labels = enums.get(`${table}.${column.name}`)
            if (labels) return labels[(row + index) % labels.length]
            const type = column.type.toUpperCase()
            if (type === 'CHAR(36)') return fixtureId(`${table}.${column.name}`, row)
            if (type === 'DATETIME') return TIMESTAMPS[row % TIMESTAMPS.length]
            if (type === 'JSON') return indexed.has(`${table}.${column.name}`) && row === 2 ? '{"small": true}' : json(row)
            if (type === 'BOOLEAN') return row % 2
            if (type === 'INTEGER' || type === 'SMALLINT') return row * 7 + 1
            if (type === 'FLOAT') return FLOATS[row % FLOATS.length]
            return text(table, column.name, row, indexed.has(`${table}.${column.name}`))
          })
          insert.run(values)
        }

        counts.set(table, rows)
      }
    })()
    const broken = db.prepare('pragma foreign_key_check').all()
    if (broken.length > 0) throw new Error(`the fixture breaks foreign keys: ${JSON.stringify(broken.slice(0, 3))}`)
    return counts
  } finally {
    db.close()
  }
}
