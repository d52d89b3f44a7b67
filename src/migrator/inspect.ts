import {openDatabase, sqliteFileExists} from '../db/connect.js'
import {toPrefectError} from '../db/connection-errors.js'
import type {DatabaseTarget} from '../db/target.js'
import type {Chain, ChainEntry} from './chain.js'
import {type DatabaseState, readState} from './record.js'
import {loadChain} from './session.js'
import type {CurrentState, HistoryEntry} from './types.js'

export interface ReadOptions {
  revisions?: readonly ChainEntry[]
  warn?: (message: string) => void
  /** Told every statement sent (PREFECT_SERVER_DATABASE_ECHO, wired up by the CLI). */
  onQuery?: (sql: string) => void
}

/**
 * Where the database is. Read-only: takes no lock (answers while a migration runs) and never
 * creates a missing SQLite file — that is reported as `exists: false`.
 */
export async function currentRevision(target: DatabaseTarget, options: ReadOptions = {}): Promise<CurrentState> {
  const chain = await loadChain(target.dialect, options.revisions)
  const state = await readOnlyState(target, chain, options)
  const current = state ? chain.revisions[state.position] : undefined
  return {
    database: target.displayUrl,
    dialect: target.dialect,
    exists: state !== null,
    recorded: state?.hasRecord ?? false,
    revision: current?.revision ?? null,
    message: current?.message ?? null,
    releases: state ? (chain.releaseLabel(state.position) ?? null) : null,
    head: chain.head?.revision ?? null,
    isHead: state !== null && state.position === chain.headIndex,
    otherTables: state?.otherTables ?? [],
    interrupted: Boolean(state?.interrupted),
    baseline: (state && state.position >= 0 ? state.applied[state.position].baseline : null) ?? null,
  }
}

/** The chain, newest first, with what the database's record says about each revision. */
export async function history(target: DatabaseTarget, options: ReadOptions = {}): Promise<HistoryEntry[]> {
  const chain = await loadChain(target.dialect, options.revisions)
  const state = await readOnlyState(target, chain, options)
  const applied = new Map(state?.applied.map((row) => [row.revision, row]) ?? [])
  return chain.revisions
    .map((revision, position) => ({
      revision: revision.revision,
      downRevision: revision.downRevision,
      message: revision.message,
      isHead: position === chain.headIndex,
      isCurrent: state !== null && position === state.position,
      applied: applied.has(revision.revision),
      appliedAt: applied.get(revision.revision)?.appliedAt ?? null,
      executionMs: applied.get(revision.revision)?.executionMs ?? null,
      baseline: applied.get(revision.revision)?.baseline ?? null,
    }))
    .reverse()
}

/** The record as it is now, read without the lock; null for a SQLite file that does not exist. */
export async function readOnlyState(target: DatabaseTarget, chain: Chain, options: Pick<ReadOptions, 'warn' | 'onQuery'> = {}): Promise<DatabaseState | null> {
  if (target.dialect === 'sqlite' && !sqliteFileExists(target)) return null
  const db = await openDatabase(target, {mode: 'read', warn: options.warn, onQuery: options.onQuery})
  try {
    return await readState(db.knex, target.dialect, chain, target.displayUrl)
  } catch (error) {
    throw toPrefectError(error, target, 'Reading the migration record')
  } finally {
    await db.knex.destroy()
  }
}
