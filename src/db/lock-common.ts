import os from 'node:os'
import {setTimeout as delay} from 'node:timers/promises'

import {LockError} from '../errors.js'

export interface MigrationLockOptions {
  /** How long to wait for another run to finish, in seconds. */
  timeoutSeconds: number
  /** What we are doing, for the holder note: 'upgrade', 'downgrade', 'reset', 'stamp'. */
  action: string
  /** Called once when the lock is taken by someone else and we start waiting. */
  onWait?: (message: string) => void
  /** Ends the attempt early (PostgreSQL): the wait stops and the attempt fails with the signal's reason. */
  signal?: AbortSignal
  /**
   * The lock in shared mode, for work that must not overlap a migration but may overlap itself
   * (vacuum): it waits for a migration, and a migration waits for every shared holder.
   */
  shared?: boolean
}

export interface MigrationLock {
  release(): Promise<void>
}

/** Who we are, as a waiter will see us. */
export interface Holder {
  action: string
  host: string
  pid: number
  since: string
}

export const DEFAULT_LOCK_TIMEOUT_SECONDS = 300
export const POLL_MS = 200

export function ourselves(action: string): Holder {
  return {action, host: os.hostname(), pid: process.pid, since: new Date().toISOString()}
}

export function describeMigrationLockHolder(holder: Partial<Holder> | null): string {
  if (!holder || !holder.host) return 'another run (holder unknown)'
  return `prefect-dbadmin ${holder.action ?? 'migration'} on host ${holder.host} (pid ${holder.pid ?? '?'}) since ${holder.since ?? '?'}`
}

export function lockTimeoutError(displayUrl: string, holder: string, seconds: number): LockError {
  return new LockError(
    `Another migration run holds the lock on ${displayUrl}: ${holder}; gave up after ${seconds} s.`,
    'Wait for it to finish, or raise --lock-timeout.',
  )
}

/** Wait `ms`, or less when `signal` aborts (the caller then sees the abort itself). */
export async function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  await delay(ms, undefined, {signal}).catch(() => {})
}

/** A promise that rejects with the signal's reason once it aborts (at once if it already has). */
export function whenAborted(signal: AbortSignal): Promise<never> {
  return new Promise((_resolve, reject) => {
    if (signal.aborted) reject(signal.reason)
    else signal.addEventListener('abort', () => reject(signal.reason), {once: true})
  })
}
