import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

import Database from 'better-sqlite3'

import {sqliteLockFiles} from '../db/lock-sqlite.js'
import {parseDatabaseUrl} from '../db/url.js'
import type {SqliteTarget} from '../db/target.js'

import {sidecarOf} from './manifest.js'

/** `<PREFECT_HOME>/backups`: where backups go unless a path is given, and what `backups` lists. */
export function backupDirectory(home: string): string {
  return path.join(home, 'backups')
}

/** 20250102T030405Z */
export function utcStamp(date: Date): string {
  return date.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')
}

/** `prefect-<revision>-<UTC timestamp>.<ext>` in dir, with -2, -3… when two land in the same second. */
export function defaultBackupPath(dir: string, revision: string, date: Date, extension: string): string {
  const stem = `prefect-${revision}-${utcStamp(date)}`
  let candidate = path.join(dir, `${stem}.${extension}`)
  for (let i = 2; fs.existsSync(candidate) || fs.existsSync(sidecarOf(candidate)); i++) candidate = path.join(dir, `${stem}-${i}.${extension}`)
  return candidate
}

/** A private directory beside the final file, where a backup is written before it is renamed into place. */
export function workDirectory(near: string): string {
  const dir = path.join(path.dirname(near), `.prefect-backup-${process.pid}-${crypto.randomBytes(4).toString('hex')}`)
  fs.mkdirSync(dir, {recursive: true, mode: 0o700})
  return dir
}

export function sqliteFileTarget(file: string): SqliteTarget {
  return parseDatabaseUrl(`sqlite:///${path.resolve(file)}`) as SqliteTarget
}

/**
 * A backup file stands alone: rollback journal (no -wal/-shm beside it), and none of the
 * sidecars the migration lock leaves.
 */
export function settleSqliteFile(file: string): void {
  const db = new Database(file)
  try {
    db.pragma('journal_mode = DELETE')
  } finally {
    db.close()
  }

  const lock = sqliteLockFiles({filename: file})
  for (const leftover of [`${file}-wal`, `${file}-shm`, lock.lock, lock.note]) fs.rmSync(leftover, {force: true})
}
