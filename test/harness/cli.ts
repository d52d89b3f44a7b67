import {spawn} from 'node:child_process'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

import {TEST_PASSWORD} from './secrets.js'
import {tempDir, tempHome} from './tmp.js'

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')
export const BIN = path.join(PROJECT_ROOT, 'bin', 'run.js')

export interface CliResult {
  code: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
}

export interface CliOptions {
  /** Variables added to the clean environment (an undefined value removes one). */
  env?: Record<string, string | undefined>
  cwd?: string
  /** Written to standard input, which is then closed. Without it stdin is closed at once. */
  input?: string
  timeoutMs?: number
  /** Only for tests of --show-secrets: allow the test password in the output. */
  allowSecret?: boolean
  /** The script to run instead of bin/run.js (the lane tests' oclif-only entry). */
  bin?: string
  /** Run as this user and group id (only possible as root): tests of read-only files. */
  uid?: number
  gid?: number
}

/**
 * Run the real, built CLI (`node bin/run.js …`) as a separate process with a clean
 * environment: no PREFECT_* variable leaks in from the caller, HOME and PREFECT_HOME point at
 * fresh temporary directories unless the test gives its own, and the password setting holds the
 * test password. Every call also checks that the test password never appears in what the tool
 * printed.
 */
export async function runCli(args: string[], options: CliOptions = {}): Promise<CliResult> {
  const env: Record<string, string> = {}
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !key.startsWith('PREFECT_') && key !== 'NO_COLOR') env[key] = value
  }

  env.HOME = tempDir('user-home-')
  env.PREFECT_HOME = tempHome()
  // Every CLI run carries the recognisable password in the password setting as well as in
  // the PostgreSQL URLs, so that the leak check below sees it wherever it could escape.
  env.PREFECT_SERVER_DATABASE_PASSWORD = TEST_PASSWORD
  for (const [key, value] of Object.entries(options.env ?? {})) {
    if (value === undefined) delete env[key]
    else env[key] = value
  }

  const child = spawn(process.execPath, [options.bin ?? BIN, ...args], {
    cwd: options.cwd ?? tempDir('cwd-'),
    env,
    stdio: ['pipe', 'pipe', 'pipe'],
    uid: options.uid,
    gid: options.gid,
  })
  let stdout = ''
  let stderr = ''
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
  child.stdin.end(options.input ?? '')
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000)
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
    child.on('close', (c, s) => resolve([c, s])),
  )
  clearTimeout(timer)
  if (!options.allowSecret) assertNoSecret(`prefect ${args.join(' ')}`, stdout, stderr)
  return {code, signal, stdout, stderr}
}

export class SecretLeakError extends Error {}

/** Fail when the test password shows in any output (it may appear masked as ***). */
export function assertNoSecret(what: string, ...outputs: string[]): void {
  for (const output of outputs) {
    if (output.includes(TEST_PASSWORD) || output.includes(encodeURIComponent(TEST_PASSWORD))) {
      throw new SecretLeakError(`${what} printed the test password:\n${output}`)
    }
  }
}
