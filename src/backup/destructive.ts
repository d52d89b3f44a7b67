import type {DatabaseTarget} from '../db/target.js'
import {downgrade} from '../migrator/migrate.js'
import type {EngineOptions} from '../migrator/types.js'
import {prefectTablesWithRows} from './rows.js'

/** A table, or a column of one, that a downgrade drops while it holds rows. */
export interface DroppedData {
  revision: string
  table: string
  /** Null: the whole table. */
  columns: string[] | null
}

const NAME = String.raw`["\x60\[]?(\w+)["\x60\]]?`

/**
 * What a downgrade to `revision` would drop that holds rows now, read from the statements of its
 * schema-only dry run (what --plan reads): DROP TABLE of a table with rows, ALTER TABLE … DROP
 * COLUMN on one, and SQLite's table rebuilds (create a new table, copy, drop, rename) that leave
 * out some of the table's columns. A database with no rows in Prefect's tables loses nothing, and
 * is not planned at all.
 */
export async function downgradeDrops(target: DatabaseTarget, revision: string, options: Pick<EngineOptions, 'warn' | 'onQuery'> = {}): Promise<DroppedData[]> {
  // The plan first: a bad revision argument fails here, before the database is opened (a
  // read-only open of a SQLite file in WAL mode would leave -wal and -shm files behind).
  const dry = await downgrade(target, {...options, revision, dryRun: true, dryRunRows: false})
  if ((dry.steps ?? []).length === 0) return []
  const holding = await prefectTablesWithRows(target)
  if (holding.size === 0) return []
  const dropped: DroppedData[] = []
  for (const step of dry.steps ?? []) {
    if (step.direction !== 'downgrade') continue
    const sql = step.statements.join(';\n')
    const renamedTo = new Map<string, string>()
    for (const match of sql.matchAll(new RegExp(String.raw`\balter\s+table\s+${NAME}\s+rename\s+to\s+${NAME}`, 'gi'))) renamedTo.set(match[2].toLowerCase(), match[1].toLowerCase())
    for (const match of sql.matchAll(new RegExp(String.raw`\bdrop\s+table\s+(?:if\s+exists\s+)?${NAME}`, 'gi'))) {
      const table = match[1].toLowerCase()
      const columns = holding.get(table)
      if (!columns) continue
      const rebuiltFrom = renamedTo.get(table)
      if (!rebuiltFrom) {
        dropped.push({revision: step.revision, table, columns: null})
        continue
      }

      // A rebuild: the columns copied into the new table are kept, the others dropped.
      const copy = new RegExp(String.raw`\binsert\s+into\s+["\x60\[]?${rebuiltFrom}["\x60\]]?\s*\(([^)]*)\)\s*select\b`, 'i').exec(sql)
      const kept = new Set((copy?.[1] ?? '').split(',').map((column) => column.trim().replace(/^["`[]|["`\]]$/g, '').toLowerCase()))
      const lost = copy ? columns.filter((column) => !kept.has(column.toLowerCase())) : columns
      if (lost.length > 0) dropped.push({revision: step.revision, table, columns: lost})
    }

    for (const match of sql.matchAll(new RegExp(String.raw`\balter\s+table\s+(?:if\s+exists\s+)?(?:only\s+)?${NAME}\s+([^;]*)`, 'gi'))) {
      const table = match[1].toLowerCase()
      if (!holding.has(table)) continue
      const lost = [...match[2].matchAll(new RegExp(String.raw`\bdrop\s+(?:column\s+)?(?:if\s+exists\s+)?${NAME}`, 'gi'))]
        .map((drop) => drop[1])
        .filter((column) => !/^(constraint|index)$/i.test(column) && holding.get(table)!.some((name) => name.toLowerCase() === column.toLowerCase()))
      if (lost.length > 0) dropped.push({revision: step.revision, table, columns: lost})
    }
  }

  return dropped
}
