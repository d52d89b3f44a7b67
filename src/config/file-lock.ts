import fs from 'node:fs'
import os from 'node:os'

import {LockError} from '../errors.js'

/**
 * An exclusive lock file next to the file it guards (profiles.toml.lock), so that concurrent
 * read-modify-write cycles of several `prefect config set` processes lose no update. The lock
 * holds "pid host time"; one whose process is gone (same host) or that is older than staleMs
 * is taken over.
 */
export interface LockOptions {
  timeoutMs?: number
  staleMs?: number
}

export async function withFileLock<T>(lockPath: string, action: () => Promise<T> | T, options: LockOptions = {}): Promise<T> {
  const timeoutMs = options.timeoutMs ?? 10_000
  const staleMs = options.staleMs ?? 30_000
  const started = Date.now()
  let delay = 5
  for (;;) {
    if (tryCreate(lockPath)) break
    if (isStale(lockPath, staleMs)) {
      fs.rmSync(lockPath, {force: true})
      continue
    }

    if (Date.now() - started > timeoutMs) {
      throw new LockError(
        `Timed out waiting for the lock ${lockPath} (held by ${describeHolder(lockPath)}).`,
        'If no other prefect command is running, remove the lock file.',
      )
    }

    await new Promise((resolve) => setTimeout(resolve, delay + Math.random() * delay))
    delay = Math.min(delay * 2, 100)
  }

  try {
    return await action()
  } finally {
    fs.rmSync(lockPath, {force: true})
  }
}

function tryCreate(lockPath: string): boolean {
  let fd: number
  try {
    fd = fs.openSync(lockPath, 'wx', 0o600)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false
    throw error
  }

  try {
    fs.writeSync(fd, `${process.pid} ${os.hostname()} ${Date.now()}\n`)
  } finally {
    fs.closeSync(fd)
  }

  return true
}

function readHolder(lockPath: string): {pid: number; host: string} | null {
  try {
    const [pid, host] = fs.readFileSync(lockPath, 'utf8').trim().split(' ')
    return {pid: Number(pid), host}
  } catch {
    return null
  }
}

function describeHolder(lockPath: string): string {
  const holder = readHolder(lockPath)
  return holder ? `pid ${holder.pid} on ${holder.host}` : 'another process'
}

function isStale(lockPath: string, staleMs: number): boolean {
  let mtimeMs: number
  try {
    mtimeMs = fs.statSync(lockPath).mtimeMs
  } catch {
    return false
  }

  if (Date.now() - mtimeMs > staleMs) return true
  const holder = readHolder(lockPath)
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
