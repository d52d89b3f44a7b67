import crypto from 'node:crypto'
import fs from 'node:fs'

import {writeFileAtomic} from '../config/atomic-write.js'
import type {Dialect} from '../db/target.js'
import {BackupInvalidError, BackupNotFoundError} from '../errors.js'

/**
 * What a backup records beside its file, in `<file>.json`: the source's revision and dialect, and
 * each of Prefect's tables with its row count and content hash (src/copy/hashes.ts: the same on
 * either dialect), plus the file's size and checksum. `restore` checks the file against it before
 * anything is written, and the restored rows against it before it reports success.
 */
export const MANIFEST_FORMAT = 'prefect-dbadmin-backup'

export type BackupKind = 'sqlite' | 'pg_dump'

export interface BackupManifest {
  format: typeof MANIFEST_FORMAT
  version: 1
  /** sqlite: a SQLite database file (of a SQLite source, or written by the copy engine from PostgreSQL); pg_dump: pg_dump's custom format. */
  kind: BackupKind
  /** ISO 8601, UTC. */
  created: string
  /** The database backed up (password masked), its dialect and revision. */
  source: {database: string; dialect: Dialect; revision: string}
  /** The revision in the file's own alembic_version (sqlite: the SQLite chain's; pg_dump: the source's). */
  fileRevision: string
  /** Taken automatically before a destructive command (which one), or by `backup`. */
  automatic: string | null
  bytes: number
  sha256: string
  rows: number
  tables: Array<{table: string; rows: number; hash: string}>
}

export function sidecarOf(file: string): string {
  return `${file}.json`
}

export function writeManifest(file: string, manifest: BackupManifest): void {
  writeFileAtomic(sidecarOf(file), `${JSON.stringify(manifest, null, 2)}\n`)
}

/** The sidecar of a backup file, checked for shape (not yet against the file). */
export function readManifest(file: string): BackupManifest {
  if (!fs.existsSync(file)) throw new BackupNotFoundError(`There is no backup at ${file}.`, "'prefect server database backups' lists the backups.")
  const sidecar = sidecarOf(file)
  if (!fs.existsSync(sidecar)) {
    throw new BackupNotFoundError(`${file} has no ${sidecar} beside it: without it the backup's revision, counts and hashes are unknown.`, 'Restore a backup with its .json sidecar.')
  }

  let parsed: unknown
  try {
    parsed = JSON.parse(fs.readFileSync(sidecar, 'utf8'))
  } catch (error) {
    throw new BackupInvalidError(`${sidecar} is not valid JSON (${(error as Error).message.split('\n')[0]}).`)
  }

  if (!isManifest(parsed)) throw new BackupInvalidError(`${sidecar} is not a backup manifest of this tool (format ${MANIFEST_FORMAT}, version 1).`)
  return parsed
}

function isManifest(value: unknown): value is BackupManifest {
  const m = value as BackupManifest
  return (
    typeof m === 'object' &&
    m !== null &&
    m.format === MANIFEST_FORMAT &&
    m.version === 1 &&
    (m.kind === 'sqlite' || m.kind === 'pg_dump') &&
    typeof m.source?.revision === 'string' &&
    (m.source.dialect === 'sqlite' || m.source.dialect === 'postgresql') &&
    typeof m.fileRevision === 'string' &&
    typeof m.sha256 === 'string' &&
    typeof m.bytes === 'number' &&
    Array.isArray(m.tables) &&
    m.tables.every((t) => typeof t?.table === 'string' && typeof t.rows === 'number' && typeof t.hash === 'string')
  )
}

/** sha256 of a file, streamed. */
export async function fileSha256(file: string): Promise<string> {
  const hash = crypto.createHash('sha256')
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer)
  return hash.digest('hex')
}

/** The file is the one the sidecar describes: same size, same checksum. */
export async function assertFileMatches(file: string, manifest: BackupManifest): Promise<void> {
  const bytes = fs.statSync(file).size
  if (bytes !== manifest.bytes || (await fileSha256(file)) !== manifest.sha256) {
    throw new BackupInvalidError(
      `${file} does not match its sidecar ${sidecarOf(file)} (${bytes === manifest.bytes ? 'checksum differs' : `${bytes} bytes, the sidecar says ${manifest.bytes}`}): the file was changed or damaged after the backup. Nothing was changed.`,
      'Restore another backup.',
    )
  }
}
