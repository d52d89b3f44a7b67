/**
 * `prefect server database copy`: every table of Prefect's chain from one database to another,
 * on either dialect, revision-aware and verified.
 *
 *  1. The source is opened read-only and read inside one snapshot (PostgreSQL: one repeatable-read
 *     read-only transaction; SQLite: one read transaction), so a server may go on writing to it.
 *  2. The target must hold no Prefect rows: no tables, base, or Prefect's tables all empty (what a
 *     killed copy leaves). It is migrated by this tool's engine to the source's revision, or to
 *     its counterpart in the other dialect's chain (../shared pairs.tsv, src/migrations/prefect-data).
 *  3. The rows go in one transaction on the target, table by table in foreign key order, with the
 *     indexes set aside and rebuilt after the load. Each row is hashed while it streams; the
 *     loaded tables are then read back inside the same transaction and hashed the same way. Only
 *     when every table's count and hash match does the transaction commit. Anything else rolls
 *     back: the target is left migrated and empty, which the next copy accepts.
 */
import {createHash, type Hash} from 'node:crypto'
import fs from 'node:fs'

import {acquireMigrationLock, DEFAULT_LOCK_TIMEOUT_SECONDS} from '../db/migration-lock.js'
import {toPrefectError, translateConnectionError, errorFirstLine} from '../db/connection-errors.js'
import {readOnlyState} from '../migrator/inspect.js'
import {loadChain} from '../migrator/session.js'
import type {Chain} from '../migrator/chain.js'
import {downgrade, upgrade} from '../migrator/migrate.js'
import type {AppliedRevision} from '../migrator/types.js'
import {PAIRS, PREFECT_ENUM_TYPES} from '../migrations/prefect-data.js'
import {PREFECT_DATA_TABLES, tablesByOwner} from '../db/drop-all.js'
import type {DatabaseTarget, Dialect} from '../db/target.js'
import {CopyMismatchError, CopyRefusedError, isPrefectError, type PrefectError, RevisionError} from '../errors.js'
import {CopyError} from './errors.js'
import {encodeField} from './copy-text.js'
import {binaryEncoders, TupleWriter, writeTuple} from './copy-binary.js'
import {canonicalLine, RowHash} from './row-hash.js'
import {type CopyEnd, type LoadTarget, openEnd, PostgresEnd, type ReadColumn, type Row, SqliteEnd, type TableInfo} from './sides.js'
import {canonicalFromPg, canonicalFromSqlite, canonicalJson, type ColumnKind, kindOfPostgresType, kindOfSqliteColumn, pgInput, pgToSqlite, sqliteToPg} from './values.js'

export interface CopyOptions {
  /** After the copy, upgrade the target to head; also lets a source revision without a counterpart be copied. */
  upgrade?: boolean
  lockTimeoutSeconds?: number
  warn?: (message: string) => void
  /** Both sides' revisions, before anything is written. */
  onPlan?: (plan: CopyPlan) => void
  /** Migration steps run on the target. */
  onApplied?: (applied: AppliedRevision) => void
  /** Progress: a table starts (with its row count), rows go in, a table ends. */
  onTableStart?: (table: string, rows: number) => void
  onRows?: (table: string, rows: number) => void
  onTableDone?: (table: string) => void
  onPhase?: (phase: 'migrate' | 'load' | 'rebuild' | 'verify' | 'commit' | 'upgrade') => void
}

export interface CopyPlan {
  source: {database: string; dialect: Dialect; revision: string}
  target: {database: string; dialect: Dialect; revision: string; from: string | null}
  /** Set when the source revision has no counterpart and --upgrade copies at the nearest one. */
  note: string | null
  tables: Array<{table: string; rows: number}>
  /** Tables of neither chain in the source: listed, not copied. */
  otherTables: string[]
}

export interface TableReport {
  table: string
  sourceRows: number
  targetRows: number
  sourceHash: string
  targetHash: string
  match: boolean
  /** The fast hashes differed and both sides were hashed again with JSON parsed (see columnPlan). */
  strict: boolean
  /**
   * How the target was read back: 'tuples', the binary tuples it holds equal the tuples sent, byte
   * for byte; 'lines', its rows hashed in canonical form; 'strict', hashed again with JSON parsed.
   */
  verifiedBy: 'tuples' | 'lines' | 'strict'
}

export interface CopyResult {
  source: CopyPlan['source']
  target: CopyPlan['target'] & {final: string}
  tables: TableReport[]
  otherTables: string[]
  rows: number
  /** Whole run, load (with hashing as the rows stream), and the read-back verification. */
  milliseconds: {total: number; load: number; rebuild: number; verify: number}
  rowsPerSecond: number
}

const ENUM_TYPES = new Set(PREFECT_ENUM_TYPES)

/** Prefect's own tables, without the version table (which the migration writes). */
export async function copyDatabase(source: DatabaseTarget, target: DatabaseTarget, options: CopyOptions = {}): Promise<CopyResult> {
  const started = performance.now()
  await assertDifferent(source, target)
  const sourceChain = await loadChain(source.dialect)
  const targetChain = await loadChain(target.dialect)

  // The source: a Prefect database at a revision we know, not half reverted.
  const sourceState = await readOnlyState(source, sourceChain, {warn: options.warn})
  if (sourceState === null) throw new CopyRefusedError(`There is no database at ${source.displayUrl}: nothing to copy.`, 'Check --from (or the configured database).')
  if (!sourceState.hasRecord || sourceState.position < 0) {
    throw new CopyRefusedError(
      sourceState.otherTables.length === 0
        ? `The database at ${source.displayUrl} is empty: nothing to copy.`
        : `The database at ${source.displayUrl} has no Prefect revision in alembic_version: it is not a Prefect database this tool can copy.`,
      "Copy from a Prefect database ('prefect server database current' names its revision).",
    )
  }

  if (sourceState.interrupted) {
    throw new CopyRefusedError(
      `The source ${source.displayUrl} is half reverted at ${sourceState.interrupted} (a downgrade was stopped part-way): its schema is not a revision's.`,
      "Finish it first with 'prefect server database upgrade -y' (or downgrade) on the source.",
    )
  }

  const sourceRevision = sourceChain.idAt(sourceState.position)!
  const {revision: wanted, note} = counterpart(source.dialect, target.dialect, sourceRevision, options.upgrade === true)
  const wantedPosition = targetChain.positionOf(wanted)!

  // The target: nothing of Prefect's that holds a row.
  const targetState = await targetStateOf(target, targetChain, options)
  const targetFrom = targetState.position >= 0 ? targetChain.idAt(targetState.position) : null

  // Read the source inside its snapshot; its tables and counts decide what the plan shows.
  const reader = (await openEnd(source, 'read')) as CopyEnd & (SqliteEnd | PostgresEnd)
  let loader: (LoadTarget & (SqliteEnd | PostgresEnd)) | undefined
  try {
    if (reader instanceof SqliteEnd) reader.beginSnapshot()
    else await reader.beginSnapshot()
    const snapshotRevision = await versionIn(reader)
    if (snapshotRevision !== sourceRevision) {
      throw new CopyRefusedError(`The source ${source.displayUrl} moved from revision ${sourceRevision} to ${snapshotRevision ?? 'base'} while the copy started.`, 'Run the copy again once no migration runs on it.')
    }

    const sourceTables = await reader.tables()
    const copied = [...sourceTables.keys()].filter((table) => PREFECT_DATA_TABLES.has(table))
    const otherTables = tablesByOwner([...sourceTables.keys()]).other
    const counts = new Map<string, number>()
    for (const table of copied) counts.set(table, await reader.count(table))

    const plan: CopyPlan = {
      source: {database: source.displayUrl, dialect: source.dialect, revision: sourceRevision},
      target: {database: target.displayUrl, dialect: target.dialect, revision: wanted, from: targetFrom},
      note,
      tables: copied.map((table) => ({table, rows: counts.get(table)!})),
      otherTables,
    }
    options.onPlan?.(plan)

    // Bring the (empty) target to the revision.
    options.onPhase?.('migrate')
    const migrateOptions = {revision: wanted, lockTimeoutSeconds: options.lockTimeoutSeconds, warn: options.warn, onApplied: options.onApplied}
    if (targetState.position <= wantedPosition) await upgrade(target, migrateOptions)
    else await downgrade(target, migrateOptions)

    const lock = await acquireMigrationLock(target, {timeoutSeconds: options.lockTimeoutSeconds ?? DEFAULT_LOCK_TIMEOUT_SECONDS, action: 'copy', onWait: options.warn})
    try {
      loader = (await openEnd(target, 'write')) as LoadTarget & (SqliteEnd | PostgresEnd)
      const targetTables = await loader.tables()
      assertSameTables(source, target, sourceTables, targetTables, copied)
      const order = foreignKeyOrder(copied, targetTables)
      const columnsOf = (table: string) => columnPlan(source.dialect, target.dialect, sourceTables.get(table)!, targetTables.get(table)!)

      const loadStarted = performance.now()
      await assertTargetEmpty(loader, target, order)
      options.onPhase?.('load')
      await loader.begin(order)
      const sourceHashes = new Map<string, RowHash>()
      // Tables loaded in binary: the digest of the tuples sent, checked against the tuples read back.
      const sentTuples = new Map<string, string>()
      for (const table of order) {
        const plan = columnsOf(table)
        const hash = new RowHash()
        sourceHashes.set(table, hash)
        const tuples = createHash('sha1')
        options.onTableStart?.(table, counts.get(table)!)
        const onRows = (rows: number) => options.onRows?.(table, rows)
        try {
          const encoders = loader instanceof PostgresEnd ? binaryEncoders(plan.columns.map((column) => targetTables.get(table)!.columns.find((c) => c.name === column.name)!.type), ENUM_TYPES) : null
          if (loader instanceof PostgresEnd && encoders) {
            await loader.loadText(table, plan.columns, copyBinary(reader.read(table, plan.columns), plan, encoders, hash, tuples, onRows), true)
            sentTuples.set(table, tuples.digest('hex'))
          } else if (loader instanceof PostgresEnd) await loader.loadText(table, plan.columns, copyText(reader.read(table, plan.columns), plan, hash, onRows))
          else await loader.load(table, plan.columns, convert(reader.read(table, plan.columns), plan, hash, onRows))
        } catch (error) {
          throw loadError(error, table, source, target)
        }

        options.onTableDone?.(table)
      }

      const loadMs = performance.now() - loadStarted
      options.onPhase?.('rebuild')
      const rebuildStarted = performance.now()
      try {
        await loader.finishLoad()
      } catch (error) {
        throw loadError(error, null, source, target)
      }

      const rebuildMs = performance.now() - rebuildStarted

      options.onPhase?.('verify')
      const verifyStarted = performance.now()
      const reports: TableReport[] = []
      for (const table of order) {
        const plan = columnsOf(table)
        let sourceHash = sourceHashes.get(table)!
        const sent = sentTuples.get(table)
        let targetHash: RowHash | undefined
        let verifiedBy: TableReport['verifiedBy'] = 'lines'
        if (sent && loader instanceof PostgresEnd) {
          // The tuples the server holds are the tuples sent, byte for byte and in order: the
          // target's canonical content is then the source's, and its hash is the source's hash.
          // Otherwise (another order, say) the target's lines are hashed below.
          if ((await loader.tupleDigest(table, plan.columns)) === sent) {
            targetHash = sourceHash
            verifiedBy = 'tuples'
          }
        }

        targetHash ??= await hashTable(loader, table, plan)
        let strict = false
        if (sourceHash.rows === targetHash.rows && sourceHash.digest() !== targetHash.digest()) {
          // A second opinion, independent of how jsonb prints JSON: both sides read again (the
          // source in its snapshot, the target in the load's transaction), JSON compared parsed.
          strict = true
          verifiedBy = 'strict'
          const sourceInfo = sourceTables.get(table)!
          const targetInfo = targetTables.get(table)!
          sourceHash = await hashTable(reader, table, columnPlan(source.dialect, source.dialect, sourceInfo, sourceInfo, true))
          targetHash = await hashTable(loader, table, columnPlan(target.dialect, target.dialect, targetInfo, targetInfo, true))
        }

        reports.push({
          table,
          sourceRows: sourceHash.rows,
          targetRows: targetHash.rows,
          sourceHash: sourceHash.digest(),
          targetHash: targetHash.digest(),
          match: sourceHash.rows === targetHash.rows && sourceHash.digest() === targetHash.digest() && sourceHash.rows === counts.get(table),
          strict,
          verifiedBy,
        })
      }

      const verifyMs = performance.now() - verifyStarted
      const mismatched = reports.filter((report) => !report.match)
      if (mismatched.length > 0) {
        await loader.rollback()
        throw Object.assign(
          new CopyMismatchError(
            `Verification failed for ${mismatched.map((report) => `${report.table} (${report.sourceRows} rows in the source, ${report.targetRows} loaded${report.sourceRows === report.targetRows ? ', contents differ' : ''})`).join(', ')}: nothing was committed; ${target.displayUrl} is left at revision ${wanted} with no rows.`,
            'Report this as a bug with the tables named; the source was not changed.',
          ),
          {reports},
        )
      }

      options.onPhase?.('commit')
      await commitLoad(loader)
      await loader.close()
      loader = undefined
      await lock.release()

      let final = wanted
      if (options.upgrade) {
        options.onPhase?.('upgrade')
        const upgraded = await upgrade(target, {lockTimeoutSeconds: options.lockTimeoutSeconds, warn: options.warn, onApplied: options.onApplied})
        final = upgraded.to ?? wanted
      }

      const rows = reports.reduce((sum, report) => sum + report.targetRows, 0)
      const total = performance.now() - started
      return {
        source: plan.source,
        target: {...plan.target, final},
        tables: reports,
        otherTables,
        rows,
        milliseconds: {total: Math.round(total), load: Math.round(loadMs), rebuild: Math.round(rebuildMs), verify: Math.round(verifyMs)},
        rowsPerSecond: Math.round(rows / (total / 1000)),
      }
    } finally {
      await lock.release().catch(() => {})
    }
  } finally {
    if (loader) {
      await loader.rollback().catch(() => {})
      await loader.close().catch(() => {})
    }

    await reader.close()
  }
}

/** A source revision's counterpart in the target's chain. */
export function counterpart(from: Dialect, to: Dialect, revision: string, allowNearest: boolean): {revision: string; note: string | null} {
  if (from === to) return {revision, note: null}
  const mine = from === 'sqlite' ? 0 : 1
  const theirs = 1 - mine
  let nearest: string | null = null
  for (const pair of PAIRS) {
    if (pair[mine] === revision) {
      if (pair[theirs]) return {revision: pair[theirs]!, note: null}
      if (!allowNearest || nearest === null) {
        throw new RevisionError(
          `The source's revision ${revision} has no counterpart in Prefect's ${to === 'sqlite' ? 'SQLite' : 'PostgreSQL'} chain, so no ${to} schema equals it.`,
          "Upgrade the source first ('prefect server database upgrade -y'), or pass --upgrade to copy at the nearest earlier pair and then upgrade the target to head.",
        )
      }

      return {
        revision: nearest,
        note: `Revision ${revision} has no ${to} counterpart (its change does not touch the tables' columns there); the target is migrated to ${nearest}, the counterpart of the revision below it, and upgraded to head after the copy.`,
      }
    }

    if (pair[mine] && pair[theirs]) nearest = pair[theirs]
  }

  throw new RevisionError(`The source's revision ${revision} is not in Prefect's ${from} chain.`)
}

async function assertDifferent(source: DatabaseTarget, target: DatabaseTarget): Promise<void> {
  const same = () =>
    new CopyRefusedError(`The source and the target are the same database (${target.displayUrl}).`, 'Name another database with --to (or --from).')
  if (source.dialect !== target.dialect) return
  if (source.dialect === 'sqlite' && target.dialect === 'sqlite') {
    if (source.memory || target.memory) return
    const real = (file: string) => {
      try {
        return fs.realpathSync(file)
      } catch {
        return file
      }
    }

    if (real(source.filename) === real(target.filename)) throw same()
    return
  }

  if (source.dialect === 'postgresql' && target.dialect === 'postgresql') {
    const a = await PostgresEnd.connect(source)
    try {
      const b = await PostgresEnd.connect(target)
      try {
        if ((await a.identity()) === (await b.identity())) throw same()
      } finally {
        await b.close()
      }
    } finally {
      await a.close()
    }
  }
}

interface TargetState {
  position: number
}

/** The target holds no Prefect rows (or does not exist): say where it stands, or refuse. */
async function targetStateOf(target: DatabaseTarget, chain: Chain, options: CopyOptions): Promise<TargetState> {
  const state = await readOnlyState(target, chain, {warn: options.warn})
  if (state === null) return {position: -1}
  const {prefect} = tablesByOwner(state.otherTables)
  if (!state.hasRecord && prefect.length > 0) {
    throw new CopyRefusedError(
      `The target ${target.displayUrl} has Prefect's tables (${prefect.slice(0, 5).join(', ')}${prefect.length > 5 ? ', …' : ''}) but no alembic_version. Nothing was written.`,
      'Copy into an empty database.',
    )
  }

  if (!state.hasRecord && state.otherTables.length > 0) {
    throw new CopyRefusedError(
      `The target ${target.displayUrl} is not empty: it has tables of another application (${state.otherTables.slice(0, 5).join(', ')}). Nothing was written.`,
      'Copy into an empty database.',
    )
  }

  if (state.interrupted) {
    throw new CopyRefusedError(`The target ${target.displayUrl} is half reverted at ${state.interrupted}. Nothing was written.`, "Run 'prefect server database downgrade -y -r base' on it, or copy into an empty database.")
  }

  if (prefect.length > 0) {
    const end = await openEnd(target, 'read')
    try {
      const holding: string[] = []
      for (const table of prefect) if ((await end.count(table)) > 0) holding.push(table)
      if (holding.length > 0) {
        throw new CopyRefusedError(
          `The target ${target.displayUrl} is not empty: ${holding.length} of Prefect's tables hold rows (${holding.slice(0, 5).join(', ')}${holding.length > 5 ? ', …' : ''}). Nothing was written.`,
          "Copy into an empty database; to start this one over, back it up and run 'prefect server database reset -y' on it.",
        )
      }
    } finally {
      await end.close()
    }
  }

  return {position: state.position}
}

/** Re-checked inside the load's transaction: nothing wrote to the target since it was looked at. */
async function assertTargetEmpty(loader: LoadTarget, target: DatabaseTarget, tables: readonly string[]): Promise<void> {
  for (const table of tables) {
    if ((await loader.count(table)) > 0) {
      throw new CopyRefusedError(`The target ${target.displayUrl} gained rows in ${table} while the copy prepared it. Nothing was written.`, 'Stop whatever writes to it (a Prefect server?) and copy again.')
    }
  }
}

/** The revision alembic_version holds at an end (inside its snapshot), or null. */
export async function versionIn(end: CopyEnd): Promise<string | null> {
  if (end instanceof SqliteEnd) {
    return (end.db.prepare('select version_num from alembic_version').pluck().get() as string | undefined) ?? null
  }

  const result = await (end as PostgresEnd).client.query<{version_num: string}>('select version_num from alembic_version')
  return result.rows[0]?.version_num ?? null
}

function assertSameTables(source: DatabaseTarget, target: DatabaseTarget, sourceTables: Map<string, TableInfo>, targetTables: Map<string, TableInfo>, copied: readonly string[]): void {
  const problems: string[] = []
  const targetPrefect = [...targetTables.keys()].filter((table) => PREFECT_DATA_TABLES.has(table))
  for (const table of targetPrefect) if (!copied.includes(table)) problems.push(`${table} is missing from the source`)
  for (const table of copied) {
    const theirs = targetTables.get(table)
    if (!theirs) {
      problems.push(`${table} is not in the target's schema`)
      continue
    }

    const mine = new Set(sourceTables.get(table)!.columns.map((column) => column.name))
    const their = new Set(theirs.columns.map((column) => column.name))
    for (const column of mine) if (!their.has(column)) problems.push(`${table}.${column} is not in the target's schema`)
    for (const column of their) if (!mine.has(column)) problems.push(`${table}.${column} is missing from the source`)
  }

  if (problems.length > 0) {
    throw new CopyMismatchError(
      `The source's tables differ from the schema of its revision: ${problems.slice(0, 6).join('; ')}${problems.length > 6 ? `; and ${problems.length - 6} more` : ''}. Nothing was copied.`,
      `Run 'prefect server database check' on ${source.displayUrl}; the target ${target.displayUrl} is left migrated and empty.`,
    )
  }
}

/** Parents before children (Kahn's algorithm; a cycle, if any, keeps the alphabetical order). */
export function foreignKeyOrder(tables: readonly string[], infos: Map<string, TableInfo>): string[] {
  const remaining = new Set([...tables].sort())
  const order: string[] = []
  while (remaining.size > 0) {
    const ready = [...remaining].filter((table) => (infos.get(table)?.references ?? []).every((parent) => !remaining.has(parent)))
    const next = ready.length > 0 ? ready : [[...remaining][0]]
    for (const table of next) {
      order.push(table)
      remaining.delete(table)
    }
  }

  return order
}

export interface ColumnPlan {
  /** The columns, as both ends read and write them (the kind from the PostgreSQL side). */
  columns: ReadColumn[]
  /** A source row in the target's form, and its canonical cells for the hash. */
  step: (row: Row) => {out: Row; canonical: Array<string | null>}
  /** The canonical cells of a row read back from the target. */
  canonicalTarget: (row: Row) => Array<string | null>
  /** Each column's `table.column`, for a value's error line (made once, not per value). */
  where: ReadonlyArray<() => string>
  /** No JSON, float or interval column: a source row's canonical line is the COPY line sent. */
  sentIsCanonical: boolean
  /** No json (as opposed to jsonb) or float column: the line PostgreSQL prints for a row is its canonical line. */
  printedIsCanonical: boolean
}

/**
 * How each column of a table crosses: its kind from the PostgreSQL side, or from Prefect's SQLite
 * types between SQLite files. `strict`: JSON compared after JSON.parse with sorted keys, and no
 * line hashed as printed (the second opinion when the hashes of a table differ).
 */
export function columnPlan(from: Dialect, to: Dialect, sourceTable: TableInfo, targetTable: TableInfo, strict = false): ColumnPlan {
  // By name: the two chains order some tables' columns differently, and the hash must not care.
  const names = targetTable.columns.map((column) => column.name).sort()
  const typeOf = (table: TableInfo, name: string) => table.columns.find((column) => column.name === name)!.type
  const kinds: ColumnKind[] = names.map((name) => {
    if (to === 'postgresql') return kindOfPostgresType(typeOf(targetTable, name))
    if (from === 'postgresql') return kindOfPostgresType(typeOf(sourceTable, name))
    return kindOfSqliteColumn(name, typeOf(targetTable, name))
  })
  const columns = names.map((name, i) => ({name, kind: kinds[i]}))
  const sentIsCanonical = !strict && kinds.every((kind) => kind !== 'json' && kind !== 'jsonb' && kind !== 'float' && kind !== 'interval')
  const printedIsCanonical = !strict && kinds.every((kind) => kind !== 'json' && kind !== 'float')
  const where = names.map((name) => () => `${targetTable.name}.${name}`)
  // What PostgreSQL prints is canonical but for json, floats (and anything, strictly): skip the copy when nothing needs it.
  const reshaped = strict || kinds.some((kind) => kind === 'json' || kind === 'jsonb' || kind === 'float')
  const canonicalOfPrinted = reshaped ? (row: Row) => row.map((cell, i) => canonicalFromPg(kinds[i], cell as string | null, strict)) : (row: Row) => row as Array<string | null>
  const json = kinds.some((kind) => kind === 'json' || kind === 'jsonb') || strict ? kinds.map((kind) => kind === 'json' || kind === 'jsonb') : null
  const canonicalOfSqlite = (row: Row) => row.map((cell, i) => canonicalFromSqlite(kinds[i], cell, where[i], strict))
  if (from === 'sqlite' && to === 'sqlite') {
    // Values go across as stored; the hash reads them by kind (as across dialects), or as stored
    // where a value does not read as its kind (SQLite checks no types).
    const cell = (value: Row[number], i: number) => {
      try {
        return canonicalFromSqlite(kinds[i], value, where[i], strict)
      } catch {
        return canonicalFromSqlite('raw', value, where[i])
      }
    }

    const canonical = (row: Row) => row.map((value, i) => cell(value, i))
    return {columns, where, sentIsCanonical: false, printedIsCanonical: false, step: (row) => ({out: row, canonical: canonical(row)}), canonicalTarget: canonical}
  }

  if (from === 'sqlite') {
    return {
      columns,
      where,
      sentIsCanonical,
      printedIsCanonical,
      step: (row) => {
        const out = row.map((cell, i) => sqliteToPg(kinds[i], cell, where[i]))
        // The cells sent are canonical but for JSON, which the target will print as jsonb does.
        return {out, canonical: json ? out.map((cell, i) => (cell !== null && json[i] ? canonicalJson(cell, strict) : cell)) : out}
      },
      canonicalTarget: canonicalOfPrinted,
    }
  }

  if (to === 'sqlite') {
    return {
      columns,
      where,
      sentIsCanonical: false,
      printedIsCanonical,
      step: (row) => ({out: row.map((cell, i) => pgToSqlite(kinds[i], cell as string | null)), canonical: canonicalOfPrinted(row)}),
      canonicalTarget: canonicalOfSqlite,
    }
  }

  return {columns, where, sentIsCanonical: false, printedIsCanonical, step: (row) => ({out: row, canonical: canonicalOfPrinted(row)}), canonicalTarget: canonicalOfPrinted}
}

/**
 * Source batches as COPY text for a PostgreSQL target, each row hashed on the way. Where the
 * table's canonical line is the line sent (no JSON, floats or intervals), it is hashed as is.
 */
async function* copyText(batches: AsyncIterable<Row[]>, plan: ColumnPlan, hash: RowHash, onRows: (rows: number) => void): AsyncIterable<string> {
  const kinds = plan.columns.map((column) => column.kind)
  // Uuids, numbers, booleans, timestamps and intervals never hold a character COPY escapes.
  const plain = kinds.map((kind) => kind !== 'text' && kind !== 'json' && kind !== 'jsonb' && kind !== 'raw')
  // Where the canonical cell is not the cell sent (JSON, floats, intervals), both lines are built.
  const differs = kinds.map((kind) => kind === 'json' || kind === 'jsonb' || kind === 'float' || kind === 'interval')
  const field = (i: number, cell: string | null) => (cell === null ? '\\N' : plain[i] ? cell : encodeField(cell))
  for await (const batch of batches) {
    let text = ''
    for (const row of batch) {
      const {out, canonical} = plan.step(row)
      let line = ''
      let canonicalText = ''
      for (let i = 0; i < out.length; i++) {
        const cell = out[i] as string | null
        const sent = field(i, cell === null ? null : pgInput(kinds[i], cell))
        line += i === 0 ? sent : `\t${sent}`
        if (!plan.sentIsCanonical) {
          const same = differs[i] ? field(i, canonical[i]) : sent
          canonicalText += i === 0 ? same : `\t${same}`
        }
      }

      hash.addLine(plan.sentIsCanonical ? line : canonicalText)
      text += `${line}\n`
    }

    onRows(batch.length)
    yield text
  }
}

/**
 * Source batches in COPY's binary format for a PostgreSQL target (uuids, timestamps and numbers
 * then need no parsing on the server), each row hashed on the way by its canonical line.
 */
async function* copyBinary(
  batches: AsyncIterable<Row[]>,
  plan: ColumnPlan,
  encoders: NonNullable<ReturnType<typeof binaryEncoders>>,
  hash: RowHash,
  tuples: Hash,
  onRows: (rows: number) => void,
): AsyncIterable<Buffer> {
  const writer = new TupleWriter()
  // jsonb goes in as the text jsonb will print (its canonical form), so that the tuple the server
  // sends back is the very tuple sent, byte for byte; JSON that is not JSON goes as it is.
  const jsonb = plan.columns.map((column) => column.kind === 'jsonb')
  const anyJsonb = jsonb.some(Boolean)
  for await (const batch of batches) {
    for (const row of batch) {
      const {out, canonical} = plan.step(row)
      const cells = anyJsonb
        ? (out as Array<string | null>).map((cell, i) => (jsonb[i] && cell !== null && !canonical[i]!.startsWith('!') ? canonical[i] : cell))
        : (out as Array<string | null>)
      writeTuple(writer, cells, encoders, plan.where)
      hash.addLine(canonicalLine(canonical))
    }

    onRows(batch.length)
    const chunk = writer.take()
    tuples.update(chunk)
    yield chunk
  }
}

/** A table's count and hash as it is in the database (the target after a load, or any end). */
export async function hashTable(end: CopyEnd, table: string, plan: ColumnPlan, onRows?: (rows: number) => void): Promise<RowHash> {
  const hash = new RowHash()
  if (end instanceof PostgresEnd && plan.printedIsCanonical) {
    // The server's own lines are the canonical lines: hashed as bytes, never decoded.
    for await (const lines of end.readLines(table, plan.columns)) {
      for (const line of lines) hash.addLine(line)
      onRows?.(lines.length)
    }

    return hash
  }

  for await (const batch of end.read(table, plan.columns)) {
    for (const row of batch) hash.add(plan.canonicalTarget(row))
    onRows?.(batch.length)
  }

  return hash
}

/** Source batches in the target's form, each row hashed on the way. */
async function* convert(batches: AsyncIterable<Row[]>, plan: ColumnPlan, hash: RowHash, onRows: (rows: number) => void): AsyncIterable<Row[]> {
  for await (const batch of batches) {
    const out: Row[] = new Array(batch.length)
    for (let i = 0; i < batch.length; i++) {
      const converted = plan.step(batch[i])
      hash.add(converted.canonical)
      out[i] = converted.out
    }

    onRows(batch.length)
    yield out
  }
}

/** SQLite checks deferred foreign keys at COMMIT: name the tables if that fails. */
async function commitLoad(loader: LoadTarget): Promise<void> {
  if (!(loader instanceof SqliteEnd)) return loader.commit()
  try {
    await loader.commit()
  } catch (error) {
    if (!/FOREIGN KEY/i.test(String((error as Error).message))) throw error
    const violations = [...loader.foreignKeyViolations()].map(([table, count]) => `${table} (${count})`)
    await loader.rollback()
    throw new CopyMismatchError(
      `The source's rows break foreign keys of the schema: ${violations.join(', ') || 'unknown tables'} have rows whose parent row is missing. Nothing was committed.`,
      'Remove the orphaned rows from the source (the tables named), then copy again.',
    )
  }
}

/** A failed load in one line: the connection's fault, a row the target refuses, or the keys. */
function loadError(error: unknown, table: string | null, source: DatabaseTarget, target: DatabaseTarget): PrefectError {
  if (isPrefectError(error)) return error
  const code = (error as {code?: string}).code
  if (code === '23503') {
    return new CopyMismatchError(
      `The source's rows break a foreign key of the schema: ${errorFirstLine(error)}. Nothing was committed; ${target.displayUrl} is left migrated and empty.`,
      `Remove the orphaned rows from ${source.displayUrl}, then copy again.`,
    )
  }

  const connection = translateConnectionError(error, target)
  if (connection) return connection
  if (code === '57P01' || code === '57P02' || code === '08006' || /Connection terminated/i.test(String((error as Error).message))) {
    return toPrefectError(Object.assign(new Error('connection lost'), {code: 'ECONNRESET'}), target, 'Loading')
  }

  return new CopyError(
    `Loading ${table ?? 'the indexes'} into ${target.displayUrl} failed: ${errorFirstLine(error)}. Nothing was committed; the target is left migrated and empty.`,
    table ? `Fix the value the message names in ${source.displayUrl}'s ${table}, then copy again.` : undefined,
  )
}
