import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import Database from 'better-sqlite3'

export interface SqliteSnapshot {
  /** The copy: a file of its own in a new temporary directory. */
  filename: string
  /** When the copy was read. */
  taken: Date
  /** Delete the copy and its directory. */
  remove(): void
}

/**
 * A copy of a SQLite database, rows included, in a new directory under the OS temporary directory
 * (TMPDIR), for a dry run to run the chain on. `VACUUM INTO` on a read-only connection: the real
 * file is only read, in one read transaction, so the copy is a consistent snapshot even while a
 * server writes (in WAL mode it does not block the writer), and nothing is held in memory. Row ids
 * are kept, so the copy returns rows in the order the real file does.
 * Returns why not instead when the temporary directory has no room for twice the data (the copy,
 * and what the migrations grow it by: a table rebuild copies the table).
 */
export function snapshotSqlite(file: string): SqliteSnapshot | {unavailable: string} {
  const source = new Database(file, {readonly: true, fileMustExist: true})
  try {
    const pages = Number(source.pragma('page_count', {simple: true})) - Number(source.pragma('freelist_count', {simple: true}))
    const bytes = pages * Number(source.pragma('page_size', {simple: true}))
    const tmp = os.tmpdir()
    const free = freeBytes(tmp)
    if (free !== null && free < bytes * 2) {
      return {unavailable: `${tmp} has ${megabytes(free)} free, and a copy of this database needs about ${megabytes(bytes * 2)} (set TMPDIR to a larger disk)`}
    }

    const dir = fs.mkdtempSync(path.join(tmp, 'prefect-dry-run-'))
    const filename = path.join(dir, 'copy.db')
    const remove = () => fs.rmSync(dir, {recursive: true, force: true})
    try {
      const taken = new Date()
      source.prepare('VACUUM INTO ?').run(filename)
      return {filename, taken, remove}
    } catch (error) {
      remove()
      throw error
    }
  } finally {
    source.close()
  }
}

function freeBytes(dir: string): number | null {
  try {
    const stats = fs.statfsSync(dir)
    return stats.bavail * stats.bsize
  } catch {
    return null
  }
}

function megabytes(bytes: number): string {
  return `${Math.ceil(bytes / 1_048_576).toLocaleString('en-US')} MB`
}
