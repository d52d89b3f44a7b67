/**
 * `prefect server database restore PATH`, in two calls so that the CLI can ask in between:
 *
 *  1. prepareRestore() checks the backup and changes nothing: the sidecar is there and sound, the
 *     file matches it (size, sha256), the file is a SQLite database at the recorded revision with
 *     the recorded row counts, and this tool knows the revision. It says whether the target holds
 *     rows (the CLI then asks, and backs the target up).
 *  2. restore() empties a target that holds rows (reset: Prefect's tables only), then copies the
 *     backup in with the copy engine: migrated to the backup's revision (or its counterpart on
 *     the other dialect), loaded in one transaction, and committed only when every table's count
 *     and hash match the file's. Those are then compared with the sidecar's. A kill before the
 *     commit leaves the target migrated and empty, which the next restore accepts; a mismatch
 *     with the sidecar empties it again and says so.
 */
import fs from 'node:fs'
import path from 'node:path'

import Database from 'better-sqlite3'

import {copyDatabase, type CopyOptions, type CopyResult} from '../copy/copy.js'
import {contentHashes} from '../copy/hashes.js'
import {openEnd} from '../copy/sides.js'
import {quoteIdent} from '../copy/values.js'
import {tablesByOwner} from '../db/drop-all.js'
import {acquireMigrationLock, DEFAULT_LOCK_TIMEOUT_SECONDS} from '../db/migration-lock.js'
import type {DatabaseTarget, SqliteTarget} from '../db/target.js'
import {BackupInvalidError, BackupRevisionError, RestoreMismatchError} from '../errors.js'
import {reset} from '../migrator/migrate.js'
import {loadChain} from '../migrator/session.js'
import {sqliteFileTarget} from './files.js'
import {assertFileMatches, type BackupManifest, readManifest, sidecarOf} from './manifest.js'
import {prefectTablesWithRows} from './rows.js'

export interface PreparedRestore {
  file: string
  manifest: BackupManifest
  /** Prefect's tables of the target that hold rows (restore replaces them). */
  targetTablesWithRows: string[]
}

export async function prepareRestore(file: string, target: DatabaseTarget): Promise<PreparedRestore> {
  const manifest = readManifest(file)
  const sourceChain = await loadChain(manifest.source.dialect)
  const fileChain = await loadChain(manifest.kind === 'sqlite' ? 'sqlite' : 'postgresql')
  for (const [chain, revision] of [[sourceChain, manifest.source.revision], [fileChain, manifest.fileRevision]] as const) {
    if (chain.positionOf(revision) === undefined) {
      throw new BackupRevisionError(
        `The backup ${file} is at revision ${revision}, which this tool does not know (a newer Prefect's): nothing was changed.`,
        'Restore it with the tools of the Prefect release that wrote it.',
      )
    }
  }

  await assertFileMatches(file, manifest)
  if (manifest.kind === 'pg_dump') {
    const {assertPgDumpRestorable} = await import('./pg-dump.js')
    assertPgDumpRestorable(file, target)
  } else {
    assertSqliteBackupFile(file, manifest)
  }

  if (target.dialect === 'sqlite' && target.memory) {
    throw new BackupInvalidError(`${target.displayUrl} is an in-memory SQLite database: a restore into it would be gone when the command exits.`, 'Point PREFECT_SERVER_DATABASE_CONNECTION_URL at a file.')
  }

  return {file, manifest, targetTablesWithRows: [...(await prefectTablesWithRows(target)).keys()]}
}

/** The file opens as SQLite, is at the sidecar's revision, and holds the sidecar's row counts. */
function assertSqliteBackupFile(file: string, manifest: BackupManifest): void {
  const invalid = (what: string) =>
    new BackupInvalidError(`${file} does not match its sidecar ${sidecarOf(file)}: ${what}. Nothing was changed.`, 'Restore another backup.')
  let db: Database.Database
  try {
    db = new Database(file, {readonly: true, fileMustExist: true})
    db.prepare('select count(*) from sqlite_master').get()
  } catch (error) {
    throw new BackupInvalidError(`${file} is not a readable SQLite database (${(error as Error).message}). Nothing was changed.`, 'Restore another backup.')
  }

  try {
    const revision = db.prepare('select version_num from alembic_version').pluck().get() as string | undefined
    if (revision !== manifest.fileRevision) throw invalid(`its revision is ${revision ?? 'none'}, the sidecar says ${manifest.fileRevision}`)
    for (const table of manifest.tables) {
      const rows = Number(db.prepare(`select count(*) from ${quoteIdent(table.table)}`).pluck().get())
      if (rows !== table.rows) throw invalid(`${table.table} holds ${rows} rows, the sidecar says ${table.rows}`)
    }
  } catch (error) {
    if (error instanceof BackupInvalidError) throw error
    throw invalid((error as Error).message)
  } finally {
    db.close()
  }
}

export interface RestoreOptions extends Pick<CopyOptions, 'lockTimeoutSeconds' | 'warn' | 'onApplied' | 'onTableStart' | 'onRows' | 'onTableDone' | 'onPhase'> {
  /** Reset's hooks, when the target held rows and is emptied first. */
  onReset?: (phase: 'start' | 'done') => void
}

export interface RestoreResult {
  file: string
  manifest: BackupManifest
  database: string
  /** The target's revision after the restore. */
  revision: string
  rows: number
  tables: Array<{table: string; rows: number; hash: string; match: boolean}>
  /** Whether the target held rows that were replaced. */
  replaced: boolean
  milliseconds: number
}

export async function restore(prepared: PreparedRestore, target: DatabaseTarget, options: RestoreOptions = {}): Promise<RestoreResult> {
  const started = performance.now()
  const {file, manifest} = prepared
  const replaced = prepared.targetTablesWithRows.length > 0
  if (manifest.kind === 'sqlite' && target.dialect === 'sqlite' && (await onlyPrefectTables(target))) {
    return pageRestore(prepared, target, replaced, started, options)
  }

  if (replaced) await empty(target, options)
  if (manifest.kind === 'pg_dump') {
    const {pgRestore} = await import('./pg-dump.js')
    const tables = await pgRestore(file, manifest, target, options)
    return finish(prepared, target, tables, replaced, started)
  }

  const copied: CopyResult = await copyDatabase(sqliteFileTarget(file), target, {
    lockTimeoutSeconds: options.lockTimeoutSeconds,
    warn: options.warn,
    onApplied: options.onApplied,
    onTableStart: options.onTableStart,
    onRows: options.onRows,
    onTableDone: options.onTableDone,
    onPhase: options.onPhase,
  })
  const tables = copied.tables.map((table) => ({table: table.table, rows: table.targetRows, hash: table.targetHash}))
  return checkedAgainstSidecar(prepared, target, tables, replaced, started, copied.target.final, options)
}

/**
 * The restored tables' counts and hashes against the sidecar's: the result when every table
 * matches; otherwise (a tool whose hashes differ?) the target is emptied again and that is said.
 */
async function checkedAgainstSidecar(
  prepared: PreparedRestore,
  target: DatabaseTarget,
  loaded: Array<{table: string; rows: number; hash: string}>,
  replaced: boolean,
  started: number,
  revision: string | undefined,
  options: RestoreOptions,
): Promise<RestoreResult> {
  const result = finish(prepared, target, loaded, replaced, started, revision)
  if (result.tables.every((table) => table.match) && loaded.length === prepared.manifest.tables.length) return result
  await empty(target, options)
  const bad = result.tables.filter((table) => !table.match).map((table) => table.table)
  throw new RestoreMismatchError(
    `The restored rows do not match the backup's sidecar (${bad.slice(0, 5).join(', ') || 'other tables'}): ${target.displayUrl} was emptied again (Prefect's tables, at head, no rows).`,
    'Check the backup with the tool that wrote it.',
  )
}

function finish(
  prepared: PreparedRestore,
  target: DatabaseTarget,
  loaded: Array<{table: string; rows: number; hash: string}>,
  replaced: boolean,
  started: number,
  revision?: string,
): RestoreResult {
  const byTable = new Map(loaded.map((table) => [table.table, table]))
  const tables = prepared.manifest.tables.map((expected) => {
    const got = byTable.get(expected.table)
    return {table: expected.table, rows: got?.rows ?? 0, hash: got?.hash ?? '', match: got !== undefined && got.rows === expected.rows && got.hash === expected.hash}
  })
  return {
    file: prepared.file,
    manifest: prepared.manifest,
    database: target.displayUrl,
    revision: revision ?? prepared.manifest.source.revision,
    rows: tables.reduce((sum, table) => sum + table.rows, 0),
    tables,
    replaced,
    milliseconds: Math.round(performance.now() - started),
  }
}

/** Prefect's tables dropped and recreated at head, other tables kept: what the next copy accepts. */
async function empty(target: DatabaseTarget, options: RestoreOptions): Promise<void> {
  options.onReset?.('start')
  await reset(target, {lockTimeoutSeconds: options.lockTimeoutSeconds, warn: options.warn})
  options.onReset?.('done')
}

/** A SQLite target with no tables but Prefect's (and ours), or no file yet: the whole file may be replaced. */
async function onlyPrefectTables(target: SqliteTarget): Promise<boolean> {
  if (target.memory) return false
  if (!fs.existsSync(target.filename)) return !fs.existsSync(`${target.filename}-wal`)
  const end = await openEnd(target, 'read')
  try {
    const names = [...(await end.tables()).keys()]
    return tablesByOwner(names).other.length === 0
  } finally {
    await end.close()
  }
}

/**
 * SQLite backup onto SQLite: the file's pages are copied into the target by SQLite's online backup
 * API, which writes the target in one transaction of its own (a kill leaves the target as it
 * was), under the migration lock. Then the target's counts and hashes are read and compared with
 * the sidecar's, as after a copy. Much faster than loading row by row: no inserts, no index
 * builds.
 */
async function pageRestore(prepared: PreparedRestore, target: SqliteTarget, replaced: boolean, started: number, options: RestoreOptions): Promise<RestoreResult> {
  const {file} = prepared
  fs.mkdirSync(path.dirname(target.filename), {recursive: true, mode: 0o700})
  const lock = await acquireMigrationLock(target, {timeoutSeconds: options.lockTimeoutSeconds ?? DEFAULT_LOCK_TIMEOUT_SECONDS, action: 'restore', onWait: options.warn})
  try {
    options.onPhase?.('load')
    const backup = new Database(file, {readonly: true, fileMustExist: true})
    try {
      await backup.backup(target.filename, {progress: () => 0x7fffffff})
    } finally {
      backup.close()
    }

    const db = new Database(target.filename)
    try {
      db.pragma('journal_mode = WAL')
    } finally {
      db.close()
    }
  } finally {
    await lock.release()
  }

  options.onPhase?.('verify')
  const content = await contentHashes(target, options.onRows)
  return checkedAgainstSidecar(prepared, target, content.tables, replaced, started, content.revision ?? undefined, options)
}
