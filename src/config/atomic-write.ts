import fs from 'node:fs'
import path from 'node:path'

/**
 * Replace a file so that readers see either the old or the new content, never a torn one:
 * write a temporary file in the same directory, fsync it, rename it over the target, fsync
 * the directory. The file is created 0600 and a missing directory 0700 (it holds secrets).
 * The temporary name needs no cryptographic randomness: it is created exclusively ('wx'), so a
 * clash fails instead of overwriting (and node:crypto stays off the settings commands' start-up).
 */
export function writeFileAtomic(file: string, content: string): void {
  const dir = path.dirname(file)
  fs.mkdirSync(dir, {recursive: true, mode: 0o700})
  const temp = path.join(dir, `.${path.basename(file)}.${process.pid}.${Math.random().toString(16).slice(2, 10)}.tmp`)
  const fd = fs.openSync(temp, 'wx', 0o600)
  try {
    fs.writeSync(fd, content)
    fs.fchmodSync(fd, 0o600)
    fs.fsyncSync(fd)
  } catch (error) {
    fs.closeSync(fd)
    fs.rmSync(temp, {force: true})
    throw error
  }

  fs.closeSync(fd)
  try {
    fs.renameSync(temp, file)
  } catch (error) {
    fs.rmSync(temp, {force: true})
    throw error
  }

  syncDirectory(dir)
}

function syncDirectory(dir: string): void {
  let fd: number | undefined
  try {
    fd = fs.openSync(dir, 'r')
    fs.fsyncSync(fd)
  } catch {
    // Some platforms cannot fsync a directory; the rename is still atomic.
  } finally {
    if (fd !== undefined) fs.closeSync(fd)
  }
}
