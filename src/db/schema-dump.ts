import type {Knex} from 'knex'

import type {Dialect} from './target.js'
import {dumpPostgresSchema} from './schema-dump-postgres.js'
import type {SchemaDump} from './schema-dump-types.js'
import {dumpSqliteSchema} from './schema-dump-sqlite.js'

export * from './schema-dump-types.js'

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

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
