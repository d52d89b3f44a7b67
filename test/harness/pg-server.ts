import {execFileSync, spawnSync} from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'

import {TEST_PASSWORD} from './secrets.js'

/**
 * A throwaway PostgreSQL server for the test run: its own data directory under the system
 * temporary directory, listening on 127.0.0.1 at a free port, run as the `postgres` user when
 * we are root (initdb refuses to run as root). Nothing outside its directory is touched.
 */
export interface ThrowawayPostgres {
  adminUrl: string
  port: number
  dataDir: string
  /** pg_ctl stop in the given mode ('fast' or 'immediate'). */
  stop(mode?: 'fast' | 'immediate'): void
  start(): void
  /** Stop the server and remove its directory. */
  destroy(): void
}

export const TEST_PG_USER = 'prefect_test'

// On globalThis: the runner and the test files may hold separate instances of this module.
const registry = globalThis as {prefectTestServer?: ThrowawayPostgres}

/** Called by run-tests for the server it started, so that failure tests can stop and restart it. */
export function registerTestServer(server: ThrowawayPostgres): void {
  registry.prefectTestServer = server
}

/** The server of this test run; an error (not a skip) when the run did not start one itself. */
export function testServer(): ThrowawayPostgres {
  if (!registry.prefectTestServer) throw new Error('This test stops and restarts PostgreSQL: run it through `npm test`, which starts its own server.')
  return registry.prefectTestServer
}

export function findPgBinDir(): string {
  const fromPath = spawnSync('sh', ['-c', 'command -v pg_ctl'], {encoding: 'utf8'}).stdout.trim()
  if (fromPath) return path.dirname(fs.realpathSync(fromPath))
  const root = '/usr/lib/postgresql'
  const versions = fs.existsSync(root) ? fs.readdirSync(root).sort((a, b) => Number(b) - Number(a)) : []
  for (const version of versions) {
    const bin = path.join(root, version, 'bin')
    if (fs.existsSync(path.join(bin, 'pg_ctl'))) return bin
  }

  throw new Error('PostgreSQL server binaries (pg_ctl, initdb) not found: install the Debian package postgresql.')
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const {port} = server.address() as net.AddressInfo
      server.close(() => resolve(port))
    })
  })
}

const isRoot = process.getuid?.() === 0

function runAsServerUser(command: string, args: string[]): void {
  const [file, argv] = isRoot ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args]
  execFileSync(file, argv, {stdio: ['ignore', 'pipe', 'pipe']})
}

export async function startThrowawayPostgres(): Promise<ThrowawayPostgres> {
  const bin = findPgBinDir()
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'prefect-test-pg-'))
  const pwFile = path.join(dataDir, 'pw')
  const clusterDir = path.join(dataDir, 'data')
  fs.writeFileSync(pwFile, `${TEST_PASSWORD}\n`, {mode: 0o600})
  fs.chmodSync(dataDir, 0o755)
  if (isRoot) execFileSync('chown', ['-R', 'postgres:postgres', dataDir])
  const port = await freePort()

  runAsServerUser(path.join(bin, 'initdb'), [
    '-D', clusterDir, '-U', TEST_PG_USER, '--auth=scram-sha-256', `--pwfile=${pwFile}`, '-E', 'UTF8', '--no-sync',
  ])
  const options = [
    '-c listen_addresses=127.0.0.1', `-p ${port}`, `-k ${dataDir}`, '-c fsync=off', '-c synchronous_commit=off',
    '-c full_page_writes=off', '-c max_connections=300',
  ].join(' ')
  const logFile = path.join(dataDir, 'server.log')
  const start = (): void =>
    runAsServerUser(path.join(bin, 'pg_ctl'), ['-D', clusterDir, '-o', options, '-l', logFile, '-w', '-t', '60', 'start'])
  const stop = (mode: 'fast' | 'immediate' = 'fast'): void =>
    runAsServerUser(path.join(bin, 'pg_ctl'), ['-D', clusterDir, '-m', mode, '-w', 'stop'])
  start()

  return {
    adminUrl: `postgresql://${TEST_PG_USER}:${TEST_PASSWORD}@127.0.0.1:${port}/postgres`,
    port,
    dataDir,
    start,
    stop,
    destroy() {
      try {
        stop('immediate')
      } catch {
        // already stopped
      }

      fs.rmSync(dataDir, {recursive: true, force: true})
    },
  }
}
