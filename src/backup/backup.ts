/**
 * `prefect server database backup`: one consistent snapshot of a Prefect database in one file,
 * with a sidecar (manifest.ts) recording its revision, dialect, and each table's rows and hash.
 *
 *  - SQLite: SQLite's online backup API, all pages in one step, so the copy is one read
 *    transaction of the source: a server may go on writing (WAL), and no step restarts because
 *    another connection wrote in between. The hashes are then read from the copy.
 *  - PostgreSQL: the copy engine writes a new SQLite file from one repeatable-read snapshot
 *    (src/copy), hashing the rows as they stream; that file restores onto either dialect with
 *    nothing else installed. (`--format pg_dump`: pg-dump.ts.)
 *
 * The file is written in a private directory beside its final place and renamed into place once
 * complete, then the sidecar is written: a failed or killed backup leaves no file that looks done.
 */
import fs from 'node:fs'
import path from 'node:path'

import Database from 'better-sqlite3'

import {copyDatabase, type CopyResult} from '../copy/copy.js'
import {contentHashes} from '../copy/hashes.js'
import {sqliteFileExists} from '../db/connect.js'
import {errorFirstLine} from '../db/connection-errors.js'
import type {DatabaseTarget, PostgresTarget, SqliteTarget} from '../db/target.js'
import {BackupFailedError, CopyRefusedError, isPrefectError, RevisionError} from '../errors.js'
import {loadChain} from '../migrator/session.js'
import {defaultBackupPath, settleSqliteFile, sqliteFileTarget, workDirectory} from './files.js'
import {type BackupKind, type BackupManifest, fileSha256, MANIFEST_FORMAT, sidecarOf, writeManifest} from './manifest.js'

export interface BackupOptions {
  /** The backup file; default: a new prefect-<revision>-<timestamp> file in `directory`. */
  path?: string
  /** Where default paths go (PREFECT_HOME/backups). */
  directory: string
  format?: BackupKind
  /** Set for a backup taken before a destructive command: its name ('reset', 'downgrade', 'restore'). */
  automatic?: string | null
  lockTimeoutSeconds?: number
  warn?: (message: string) => void
  onPhase?: (phase: 'snapshot' | 'copy' | 'hash') => void
  onTableStart?: (table: string, rows: number) => void
  onRows?: (table: string, rows: number) => void
}

export interface BackupResult {
  path: string
  manifest: BackupManifest
  milliseconds: number
}

export async function backupDatabase(source: DatabaseTarget, options: BackupOptions): Promise<BackupResult> {
  const started = performance.now()
  const format = options.format ?? 'sqlite'
  if (source.dialect === 'sqlite' && source.memory) {
    throw new BackupFailedError(`${source.displayUrl} is an in-memory SQLite database: it lives only inside one process, so there is nothing on disk to back up.`)
  }

  if (source.dialect === 'sqlite' && !sqliteFileExists(source)) throw new BackupFailedError(`There is no database at ${source.displayUrl}: nothing to back up.`)
  if (format === 'pg_dump' && source.dialect !== 'postgresql') throw new BackupFailedError('--format pg_dump backs up a PostgreSQL database; this one is SQLite.', 'Leave --format out.')
  if (options.path !== undefined && (fs.existsSync(options.path) || fs.existsSync(sidecarOf(options.path)))) {
    throw new BackupFailedError(`${options.path} already exists: a backup never overwrites a file.`, 'Give a new path, or none for the default.')
  }

  const near = options.path ? path.resolve(options.path) : path.join(options.directory, 'backup')
  fs.mkdirSync(path.dirname(near), {recursive: true, mode: 0o700})
  const work = workDirectory(near)
  try {
    const written =
      format === 'pg_dump'
        ? await (await import('./pg-dump.js')).pgDumpBackup(source as PostgresTarget, work, options)
        : source.dialect === 'sqlite'
          ? await sqliteBackup(source, work, options)
          : await postgresBackup(source, work, options)
    const final = options.path ? path.resolve(options.path) : defaultBackupPath(options.directory, written.sourceRevision, new Date(), format === 'pg_dump' ? 'dump' : 'db')
    fs.renameSync(written.file, final)
    const manifest: BackupManifest = {
      format: MANIFEST_FORMAT,
      version: 1,
      kind: format,
      created: new Date().toISOString(),
      source: {database: source.displayUrl, dialect: source.dialect, revision: written.sourceRevision},
      fileRevision: written.fileRevision,
      automatic: options.automatic ?? null,
      bytes: fs.statSync(final).size,
      sha256: await fileSha256(final),
      rows: written.tables.reduce((sum, table) => sum + table.rows, 0),
      tables: written.tables,
    }
    writeManifest(final, manifest)
    return {path: final, manifest, milliseconds: Math.round(performance.now() - started)}
  } catch (error) {
    if (isPrefectError(error)) throw error
    throw new BackupFailedError(`The backup of ${source.displayUrl} failed: ${errorFirstLine(error)}.`, 'No backup file was left behind.')
  } finally {
    fs.rmSync(work, {recursive: true, force: true})
  }
}

export interface WrittenBackup {
  file: string
  sourceRevision: string
  fileRevision: string
  tables: BackupManifest['tables']
}

async function sqliteBackup(source: SqliteTarget, work: string, options: BackupOptions): Promise<WrittenBackup> {
  const file = path.join(work, 'backup.db')
  options.onPhase?.('snapshot')
  const db = new Database(source.filename, {readonly: true, fileMustExist: true})
  try {
    db.pragma(`busy_timeout = ${Math.round((source.options.timeoutSeconds ?? 60) * 1000)}`)
    // The first step only sizes the backup; the second copies every page inside one read lock.
    await db.backup(file, {progress: () => 0x7fffffff})
  } finally {
    db.close()
  }

  settleSqliteFile(file)
  options.onPhase?.('hash')
  const content = await contentHashes(sqliteFileTarget(file), options.onRows)
  const revision = await knownRevision(source, content.revision)
  return {file, sourceRevision: revision, fileRevision: revision, tables: content.tables}
}

async function postgresBackup(source: PostgresTarget, work: string, options: BackupOptions): Promise<WrittenBackup> {
  const file = path.join(work, 'backup.db')
  options.onPhase?.('copy')
  let result: CopyResult
  try {
    result = await copyDatabase(source, sqliteFileTarget(file), {
      lockTimeoutSeconds: options.lockTimeoutSeconds,
      warn: options.warn,
      onTableStart: options.onTableStart,
      onRows: options.onRows,
    })
  } catch (error) {
    // The source's refusals (empty, not Prefect's, no SQLite counterpart) are the backup's.
    if (error instanceof RevisionError || error instanceof CopyRefusedError) {
      throw new BackupFailedError(error.message, error instanceof RevisionError ? 'Back it up with --format pg_dump, or upgrade it first.' : error.hint)
    }

    throw error
  }

  settleSqliteFile(file)
  return {
    file,
    sourceRevision: result.source.revision,
    fileRevision: result.target.revision,
    tables: result.tables.map((table) => ({table: table.table, rows: table.sourceRows, hash: table.sourceHash})).sort((a, b) => (a.table < b.table ? -1 : 1)),
  }
}

/** The source's revision, one of its chain's: a backup must be restorable by this tool. */
export async function knownRevision(source: DatabaseTarget, revision: string | null): Promise<string> {
  if (revision === null) {
    throw new BackupFailedError(`${source.displayUrl} has no Prefect revision in alembic_version: it is empty or not a Prefect database, so there is nothing to back up.`)
  }

  const chain = await loadChain(source.dialect)
  if (chain.positionOf(revision) === undefined) {
    throw new BackupFailedError(`${source.displayUrl} is at revision ${revision}, which this tool does not know (a newer Prefect migrated it): it could not restore the backup.`, 'Back it up with that Prefect release\'s tools.')
  }

  return revision
}
