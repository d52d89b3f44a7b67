import fs from 'node:fs'
import os from 'node:os'

import {LockError} from '../errors.js'

/**
 * An exclusive lock file next to the file it guards (profiles.toml.lock), so that concurrent
 * read-modify-write cycles of several `prefect config set` processes lose no update. The lock
 * holds "pid host time"; one whose process is gone (same host) or that is older than staleMs
 * is taken over.
 */
export interface FileLockOptions {
  timeoutMs?: number
  staleMs?: number
}

export async function withFileLock<T>(lockPath: string, action: () => Promise<T> | T, options: FileLockOptions = {}): Promise<T> {
  const timeoutMs = options.timeoutMs ?? 10_000
  const staleMs = options.staleMs ?? 30_000
  const started = Date.now()
  let delay = 5
  let mine: string | null
  for (;;) {
    mine = tryCreate(lockPath)
    if (mine !== null) break
    const content = readContent(lockPath)
    if (content !== null && isStale(lockPath, content, staleMs) && breakStaleLock(lockPath, content)) continue

    if (Date.now() - started > timeoutMs) {
      throw new LockError(
        `Timed out waiting for the lock ${lockPath} (held by ${describeFileLockHolder(lockPath)}).`,
        'If no other prefect command is running, remove the lock file.',
      )
    }

    await new Promise((resolve) => setTimeout(resolve, delay + Math.random() * delay))
    delay = Math.min(delay * 2, 100)
  }

  try {
    return await action()
  } finally {
    // Only our own lock: had we been judged stale, the file may now be someone else's.
    if (readContent(lockPath) === mine) fs.rmSync(lockPath, {force: true})
  }
}

/** Create the lock file; its content (or null when another process holds it). */
function tryCreate(lockPath: string): string | null {
  let fd: number
  try {
    fd = fs.openSync(lockPath, 'wx', 0o600)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return null
    throw error
  }

  const content = `${process.pid} ${os.hostname()} ${Date.now()} ${Math.random().toString(36).slice(2)}\n`
  try {
    fs.writeSync(fd, content)
  } finally {
    fs.closeSync(fd)
  }

  return content
}

function readContent(lockPath: string): string | null {
  try {
    return fs.readFileSync(lockPath, 'utf8')
  } catch {
    return null
  }
}

function parseHolder(content: string | null): {pid: number; host: string} | null {
  if (!content) return null
  const [pid, host] = content.trim().split(' ')
  return {pid: Number(pid), host}
}

function describeFileLockHolder(lockPath: string): string {
  const holder = parseHolder(readContent(lockPath))
  return holder ? `pid ${holder.pid} on ${holder.host}` : 'another process'
}

/**
 * Remove a stale lock without ever removing a fresh one: two waiters may judge the same lock
 * stale, and the slower one must not delete the lock the faster one has just created. So the
 * removal happens under a short-lived breaker lock and only if the content is still the stale one.
 */
function breakStaleLock(lockPath: string, staleContent: string): boolean {
  const breaker = `${lockPath}.break`
  if (tryCreate(breaker) === null) {
    // A breaker left by a process that died mid-break is itself stale after a few seconds.
    try {
      if (Date.now() - fs.statSync(breaker).mtimeMs > 5000) fs.rmSync(breaker, {force: true})
    } catch {
      // Gone already.
    }

    return false
  }

  try {
    if (readContent(lockPath) !== staleContent) return false
    fs.rmSync(lockPath, {force: true})
    return true
  } finally {
    fs.rmSync(breaker, {force: true})
  }
}

function isStale(lockPath: string, content: string, staleMs: number): boolean {
  let mtimeMs: number
  try {
    mtimeMs = fs.statSync(lockPath).mtimeMs
  } catch {
    return false
  }

  if (Date.now() - mtimeMs > staleMs) return true
  const holder = parseHolder(content)
  // A holder still writing its line: give it time rather than judge an empty file.
  if (!holder || !Number.isInteger(holder.pid) || holder.pid <= 0) return false
  if (holder.host !== os.hostname()) return false
  try {
    process.kill(holder.pid, 0)
    return false
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH'
  }
}
