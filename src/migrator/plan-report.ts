import {openDatabase, sqliteFileExists} from '../db/connect.js'
import {toPrefectError} from '../db/connection-errors.js'
import {listTables} from '../db/drop-all.js'
import type {DatabaseTarget} from '../db/target.js'
import {downgrade, upgrade} from './migrate.js'
import {tablesWrittenBy} from './run-steps.js'
import type {Direction, MigrateOptions} from './types.js'

/** Rows above which a count on PostgreSQL is the planner's estimate (pg_class.reltuples). */
const EXACT_UP_TO = 1_000_000
/** Rows above which a rebuild, rewrite, backfill or exclusive lock is called out. */
const BIG = 100_000

export interface PlannedTable {
  name: string
  /** Rows now; null for a table the step creates. */
  rows: number | null
  /** Whether `rows` is PostgreSQL's planner estimate rather than an exact count. */
  estimate: boolean
}

export interface PlannedStep {
  revision: string
  message: string
  direction: Direction
  tables: PlannedTable[]
  /**
   * What the step does that matters on a big table: 'table rebuild', 'table rewrite', 'ACCESS EXCLUSIVE lock', 'CONCURRENTLY index build',
   * 'data backfill'; and on SQLite 'definition rewrite' (a table's definition changed in sqlite_schema, its rows not copied: not slow).
   */
  operations: string[]
}

export interface PlanReport {
  action: Direction
  database: string
  dialect: DatabaseTarget['dialect']
  from: string | null
  to: string | null
  steps: PlannedStep[]
  /** One line per step that will be slow on this database. */
  warnings: string[]
}

/**
 * What an upgrade or downgrade would do to this database now, changing nothing: each revision,
 * the tables it touches with their row counts, and the kind of lock or rewrite it needs. The
 * statements come from --dry-run's first, schema-only recording (no rows read); the counts from the live database.
 */
export async function planReport(target: DatabaseTarget, action: Direction, options: MigrateOptions = {}): Promise<PlanReport> {
  const run = action === 'upgrade' ? upgrade : downgrade
  const dry = await run(target, {...options, dryRun: true, dryRunRows: false})
  const messages = new Map(dry.applied.map((step) => [step.revision, step.message]))
  const counts = await tableCounts(target, options)
  const steps: PlannedStep[] = (dry.steps ?? []).map((step) => {
    // The revision's own statements: not the record's, nor transaction control.
    const own = step.statements.filter((sql) => !/\b(alembic_version|prefect_migrations)\b/.test(sql) && !/^\s*(begin|commit|rollback|pragma)\b/i.test(sql))
    const written = new Set<string>()
    for (const sql of own) {
      tablesWrittenBy(sql, written)
      // A table's definition rewritten in sqlite_schema (rebuildSqliteTableInPlace): that table.
      const rewritten = /^\s*update\s+sqlite_(?:schema|master)\s+set\b[\s\S]*?\bwhere\s+tbl_name\s*=\s*'(\w+)'/i.exec(sql)
      if (rewritten) written.add(rewritten[1].toLowerCase())
    }

    const tables = [...written]
      .filter((name) => !/_new$|^_alembic_tmp_|^sqlite_/.test(name) && name !== 'alembic_version' && name !== 'prefect_migrations')
      .sort()
      .map((name) => counts.get(name) ?? {name, rows: null, estimate: false})
    return {revision: step.revision, message: messages.get(step.revision) ?? '', direction: step.direction, tables, operations: operations(own, target.dialect)}
  })
  const warnings = steps.flatMap((step) => {
    const big = step.tables.filter((table) => (table.rows ?? 0) >= BIG)
    const heavy = step.operations.filter((operation) => !LIGHT.has(operation))
    if (big.length === 0 || heavy.length === 0) return []
    const tables = big.map((table) => `${table.name} (${table.estimate ? 'about ' : ''}${table.rows!.toLocaleString('en-US')} rows)`).join(', ')
    const timeout = target.dialect === 'postgresql' ? ' PREFECT_SERVER_DATABASE_MIGRATION_TIMEOUT, if set, must allow for it.' : ''
    return [`${step.revision} (${step.message}): ${heavy.join(', ')} on ${tables}; its time and locks grow with these tables.${timeout}`]
  })
  return {action, database: target.displayUrl, dialect: target.dialect, from: dry.from, to: dry.to, steps, warnings}
}

/** Operations that do not grow with the table: no warning for them. */
const LIGHT = new Set(['CONCURRENTLY index build', 'definition rewrite'])

/** What in a step's statements takes locks or rewrites data. */
function operations(statements: readonly string[], dialect: DatabaseTarget['dialect']): string[] {
  const found = new Set<string>()
  for (const sql of statements) {
    // A rebuild's copy into <table>_new is the rebuild, not a backfill.
    const rebuildCopy = /\binsert\s+into\s+["`[]?\w+_new\b/i.test(sql)
    const definition = /^\s*update\s+sqlite_(schema|master)\s+set\b/i.test(sql)
    if (definition) found.add('definition rewrite')
    if (!rebuildCopy && !definition && /\bupdate\s+\S+\s+set\b|\binsert\s+into\s+\S+[\s\S]*\bselect\b|\bdelete\s+from\b/i.test(sql)) found.add('data backfill')
    if (dialect === 'sqlite') {
      if (/\bcreate\s+table\s+["`[]?\w+_new\b/i.test(sql)) found.add('table rebuild')
      continue
    }

    if (/\bcreate\s+(unique\s+)?index\s+concurrently\b/i.test(sql)) found.add('CONCURRENTLY index build')
    else if (/\bcreate\s+(unique\s+)?index\b/i.test(sql)) found.add('index build blocking writes')
    if (/\balter\s+table\b[\s\S]*\balter\s+column\b[\s\S]*\btype\b/i.test(sql)) found.add('table rewrite')
    if (/\balter\s+table\b|\bdrop\s+table\b/i.test(sql)) found.add('ACCESS EXCLUSIVE lock')
  }

  return [...found]
}

/** Row counts of the live database's tables: exact, or PostgreSQL's estimate for big ones. */
async function tableCounts(target: DatabaseTarget, options: MigrateOptions): Promise<Map<string, PlannedTable>> {
  const counts = new Map<string, PlannedTable>()
  if (target.dialect === 'sqlite' && !sqliteFileExists(target)) return counts
  const db = await openDatabase(target, {mode: 'read', warn: options.warn, onQuery: options.onQuery})
  try {
    const estimates = new Map<string, number>()
    if (target.dialect === 'postgresql') {
      const result = (await db.knex.raw("select relname as name, reltuples::bigint as rows from pg_class where relkind = 'r' and relnamespace = current_schema()::regnamespace")) as {rows: Array<{name: string; rows: string}>}
      for (const row of result.rows) estimates.set(row.name, Number(row.rows))
    }

    for (const name of await listTables(db.knex, target.dialect)) {
      const estimate = estimates.get(name) ?? -1
      if (estimate > EXACT_UP_TO) {
        counts.set(name, {name, rows: estimate, estimate: true})
        continue
      }

      const result = (await db.knex.raw(`select count(*) as n from "${name.replaceAll('"', '""')}"`)) as Array<{n: number}> | {rows: Array<{n: string}>}
      const n = Array.isArray(result) ? result[0].n : result.rows[0].n
      counts.set(name, {name, rows: Number(n), estimate: false})
    }

    return counts
  } catch (error) {
    throw toPrefectError(error, target, 'Counting rows')
  } finally {
    await db.knex.destroy()
  }
}
