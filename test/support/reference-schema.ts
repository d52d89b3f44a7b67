import {execFileSync} from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

/*
 * Prefect's reference schemas (../shared/reference/prefect-schemas) and the dumper that reads a
 * database the same way (../shared/tools/schema-dump.py), for tests. A reference dump can also be
 * turned back into DDL (referenceDdl), so a test can start from the exact state Prefect leaves a
 * database in at any revision, without running the chain up to it.
 */

export type RefDialect = 'sqlite' | 'postgresql'

const here = path.dirname(fileURLToPath(import.meta.url))
export const PROJECT_ROOT = path.resolve(here, '../..')

/** `shared/` beside the project (CI and developers alike), or PREFECT_SHARED_DIR. */
export function sharedDir(): string {
  const candidates = [process.env.PREFECT_SHARED_DIR, path.resolve(PROJECT_ROOT, '../shared')].filter(Boolean) as string[]
  const found = candidates.find((dir) => fs.existsSync(path.join(dir, 'reference', 'prefect-schemas')))
  if (!found) throw new Error(`The reference schemas were not found (looked in ${candidates.join(', ')}).`)
  return found
}

export interface ChainRow {
  position: number
  revision: string
  downRevision: string | null
  file: string
  message: string
}

export function referenceChain(dialect: RefDialect): ChainRow[] {
  const text = fs.readFileSync(path.join(sharedDir(), 'reference', 'prefect-schemas', dialect, 'chain.tsv'), 'utf8')
  return text
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => {
      const [position, revision, down, file, message] = line.split('\t')
      return {position: Number(position), revision, downRevision: down || null, file, message}
    })
}

/** The reference dump after the revision at `position` (0 = base). */
export function referenceDump(dialect: RefDialect, position: number): string {
  const dir = path.join(sharedDir(), 'reference', 'prefect-schemas', dialect)
  const prefix = String(position).padStart(3, '0') + '_'
  const file = fs.readdirSync(dir).find((name) => name.startsWith(prefix))
  if (!file) throw new Error(`No reference dump at position ${position} for ${dialect}`)
  return fs.readFileSync(path.join(dir, file), 'utf8')
}

export interface DumpOptions {
  sortColumns?: boolean
  exclude?: string[]
}

/** schema-dump.py's output for a SQLite file or a PostgreSQL URL (our own tables excluded). */
export function dumpDatabase(dialect: RefDialect, location: string, options: DumpOptions = {}): string {
  const args = [path.join(sharedDir(), 'tools', 'schema-dump.py'), dialect, location]
  for (const name of options.exclude ?? ['prefect_migrations']) args.push('--exclude', name)
  if (options.sortColumns) args.push('--sort-columns')
  return execFileSync('python3', args, {encoding: 'utf8', maxBuffer: 64 * 1024 * 1024})
}

/** A dump with its columns sorted by name within each table, as `--sort-columns` prints them. */
export function sortDumpColumns(dump: string): string {
  const lines = dump.split('\n')
  const out: string[] = []
  let run: string[] = []
  const flush = () => {
    run.sort((a, b) => (columnName(a) < columnName(b) ? -1 : columnName(a) > columnName(b) ? 1 : a < b ? -1 : a > b ? 1 : 0))
    out.push(...run)
    run = []
  }

  for (const line of lines) {
    if (/^\S+ column \S+ /.test(line)) {
      run.push(line)
    } else {
      flush()
      out.push(line)
    }
  }

  flush()
  return out.join('\n')
}

function columnName(line: string): string {
  return line.split(' ')[2]
}

/** A short unified-style difference of two dumps, for assertion messages. */
export function dumpDiff(actual: string, expected: string): string {
  const a = new Set(actual.split('\n'))
  const e = new Set(expected.split('\n'))
  const missing = [...e].filter((line) => !a.has(line)).map((line) => `- ${line}`)
  const extra = [...a].filter((line) => !e.has(line)).map((line) => `+ ${line}`)
  const lines = [...missing, ...extra]
  if (lines.length === 0 && actual !== expected) return '(same lines, different order)'
  return lines.slice(0, 60).join('\n') + (lines.length > 60 ? `\n… ${lines.length - 60} more` : '')
}

// ------------------------------------------------------------------ dump → DDL

interface Table {
  name: string
  columns: string[]
  constraints: string[]
  indexes: string[]
  foreignKeys: string[]
}

/** `… named X` / `… unnamed`: the line without it, and the name. */
function splitName(rest: string): [string, string | null] {
  const named = rest.lastIndexOf(' named ')
  if (named >= 0) return [rest.slice(0, named), rest.slice(named + 7)]
  if (rest.endsWith(' unnamed')) return [rest.slice(0, -8), null]
  throw new Error(`No name on dump line: ${rest}`)
}

/** The text inside the parenthesis that opens at `start`, and the index after its close. */
function group(text: string, start: number): [string, number] {
  if (text[start] !== '(') throw new Error(`Expected ( at ${start} in ${text}`)
  let depth = 0
  let quote = false
  for (let i = start; i < text.length; i++) {
    const c = text[i]
    if (c === "'") quote = !quote
    if (quote) continue
    if (c === '(') depth++
    if (c === ')') {
      depth--
      if (depth === 0) return [text.slice(start + 1, i), i + 1]
    }
  }

  throw new Error(`Unbalanced parentheses in ${text}`)
}

const q = (name: string) => `"${name.replace(/"/g, '""')}"`
const constraint = (name: string | null) => (name ? `CONSTRAINT ${q(name)} ` : '')
const cols = (list: string) => list.split(', ').map(q).join(', ')

/**
 * DDL that builds exactly the schema a reference dump describes (the dumper reads the result
 * back to the same text; a test checks this for every reference file). The alembic_version row
 * is inserted as the dump states it.
 */
export function referenceDdl(dump: string): string[] {
  const lines = dump.split('\n').filter((line) => line.trim() !== '')
  const dialect = lines[0].split(' ')[1] as RefDialect
  const head: string[] = []
  const tables = new Map<string, Table>()
  let version: string | null = null
  for (const line of lines.slice(1)) {
    const record = /^alembic_version (\(.*\)|[0-9a-f]+)$/.exec(line)
    if (record) {
      if (!record[1].startsWith('(')) version = record[1]
      continue
    }

    if (line.startsWith('extension ')) {
      const name = line.slice(10)
      if (name !== 'plpgsql') head.push(`CREATE EXTENSION IF NOT EXISTS ${name}`)
      continue
    }

    if (line.startsWith('enum ')) {
      const [, name, labels] = /^enum (\S+) \((.*)\)$/.exec(line)!
      head.push(`CREATE TYPE ${q(name)} AS ENUM (${labels})`)
      continue
    }

    if (line.startsWith('table ')) {
      const name = line.slice(6)
      tables.set(name, {name, columns: [], constraints: [], indexes: [], foreignKeys: []})
      continue
    }

    const space = line.indexOf(' ')
    const table = tables.get(line.slice(0, space))
    if (!table) throw new Error(`Dump line before its table: ${line}`)
    const rest = line.slice(space + 1)
    if (rest.startsWith('column ')) {
      table.columns.push(dialect === 'sqlite' ? sqliteColumn(rest) : postgresColumn(rest))
      continue
    }

    const [body, name] = splitName(rest)
    if (body.startsWith('primary key ')) {
      const [list, after] = group(body, 'primary key '.length)
      table.constraints.push(`${constraint(name)}PRIMARY KEY (${cols(list)})${body.slice(after).includes('autoincrement') ? ' AUTOINCREMENT' : ''}`)
    } else if (body.startsWith('unique (')) {
      const [list] = group(body, 'unique '.length)
      table.constraints.push(`${constraint(name)}UNIQUE (${cols(list)})`)
    } else if (body.startsWith('check (')) {
      const [expression] = group(body, 'check '.length)
      table.constraints.push(`${constraint(name)}CHECK (${expression})`)
    } else if (body.startsWith('foreign key (')) {
      const [list, after] = group(body, 'foreign key '.length)
      const match = /^ references (\S+)(?: \(([^)]*)\))?(.*)$/.exec(body.slice(after))
      if (!match) throw new Error(`Unreadable foreign key: ${line}`)
      const [, referred, referredColumns, actions] = match
      const fk = `${constraint(name)}FOREIGN KEY (${cols(list)}) REFERENCES ${q(referred)}${referredColumns ? ` (${cols(referredColumns)})` : ''}${actions.toUpperCase()}`
      if (dialect === 'sqlite') table.constraints.push(fk)
      else table.foreignKeys.push(`ALTER TABLE ${q(table.name)} ADD ${fk}`)
    } else if (body.startsWith('index ')) {
      table.indexes.push(indexStatement(dialect, table.name, body, name!))
    } else {
      throw new Error(`Unknown dump line: ${line}`)
    }
  }

  const statements = [...head]
  for (const table of tables.values()) {
    statements.push(`CREATE TABLE ${q(table.name)} (\n  ${[...table.columns, ...table.constraints].join(',\n  ')}\n)`)
    statements.push(...table.indexes)
  }

  for (const table of tables.values()) statements.push(...table.foreignKeys)
  if (version) statements.push(`INSERT INTO alembic_version (version_num) VALUES ('${version}')`)
  return statements
}

function sqliteColumn(rest: string): string {
  const match = /^column (\S+) (.*?) ?\[(\w+)\] (null|not null)(?: default (.*?))?(?: collate (\S+))?$/.exec(rest)
  if (!match) throw new Error(`Unreadable column: ${rest}`)
  const [, name, type, , nullability, defaultExpr, collate] = match
  return [q(name), type, nullability === 'not null' ? 'NOT NULL' : '', defaultExpr !== undefined ? `DEFAULT (${defaultExpr})` : '', collate ? `COLLATE ${collate}` : '']
    .filter(Boolean)
    .join(' ')
}

function postgresColumn(rest: string): string {
  const match = /^column (\S+) (.+?) (not null|null)(?: default (.*))?$/.exec(rest)
  if (!match) throw new Error(`Unreadable column: ${rest}`)
  const [, name, type, nullability, defaultExpr] = match
  return [q(name), type, nullability === 'not null' ? 'NOT NULL' : '', defaultExpr !== undefined ? `DEFAULT ${defaultExpr}` : ''].filter(Boolean).join(' ')
}

function indexStatement(dialect: RefDialect, table: string, body: string, name: string): string {
  let rest = body.slice('index '.length)
  const unique = rest.startsWith('unique ')
  if (unique) rest = rest.slice(7)
  let using = ''
  const method = /^using (\S+) /.exec(rest)
  if (method) {
    using = ` USING ${method[1]}`
    rest = rest.slice(method[0].length)
  }

  const [keys, after] = group(rest, 0)
  rest = rest.slice(after)
  let include = ''
  if (rest.startsWith(' include (')) {
    const [list, end] = group(rest, ' include '.length)
    include = ` INCLUDE (${list})`
    rest = rest.slice(end)
  }

  const where = rest.startsWith(' where ') ? ` WHERE ${rest.slice(7)}` : ''
  if (!where && rest.trim() !== '') throw new Error(`Unreadable index: ${body}`)
  const target = dialect === 'sqlite' ? `${q(table)} (${keys})` : `${q(table)}${using} (${keys})`
  return `CREATE ${unique ? 'UNIQUE ' : ''}INDEX ${q(name)} ON ${target}${include}${where}`
}
