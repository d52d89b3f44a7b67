/**
 * The test runner behind `npm test`: starts a throwaway PostgreSQL (unless
 * PREFECT_TEST_PG_ADMIN_URL already names one), runs the mocha suites against SQLite and that
 * server, stops it, and ends with the totals line `N passed, N failed`.
 *
 *   node --import tsx test/harness/run-tests.ts [--suite main|reliability|all] [--grep TEXT] [--list] [FILES…]
 *   (--list: name the tests without running them)
 */
import fs from 'node:fs'
import path from 'node:path'

import Mocha from 'mocha'

import {PROJECT_ROOT} from './cli.js'
import {registerTestServer, startThrowawayPostgres, type ThrowawayPostgres} from './pg-server.js'

function listTests(dir: string): string[] {
  if (!fs.existsSync(dir)) return []
  return fs
    .readdirSync(dir, {recursive: true, encoding: 'utf8'})
    .filter((file) => file.endsWith('.test.ts'))
    .map((file) => path.join(dir, file))
    .sort()
}

const argv = process.argv.slice(2)
let suite = 'all'
let grep: string | undefined
let dryRun = false
const files: string[] = []
for (let i = 0; i < argv.length; i++) {
  if (argv[i] === '--suite') suite = argv[++i]
  else if (argv[i] === '--grep') grep = argv[++i]
  else if (argv[i] === '--list') dryRun = true
  else files.push(path.resolve(argv[i]))
}

if (files.length === 0) {
  const testRoot = path.join(PROJECT_ROOT, 'test')
  const all = listTests(testRoot)
  const reliability = (file: string) => file.includes(`${path.sep}reliability${path.sep}`)
  if (suite === 'main') files.push(...all.filter((file) => !reliability(file)))
  else if (suite === 'reliability') files.push(...all.filter((file) => reliability(file)))
  else files.push(...all)
}

let server: ThrowawayPostgres | undefined
if (!process.env.PREFECT_TEST_PG_ADMIN_URL) {
  server = await startThrowawayPostgres()
  registerTestServer(server)
  process.env.PREFECT_TEST_PG_ADMIN_URL = server.adminUrl
  process.env.PREFECT_TEST_PG_DATA_DIR = server.dataDir
  process.stderr.write(`Started a throwaway PostgreSQL on 127.0.0.1:${server.port}\n`)
}

const cleanup = (): void => server?.destroy()
process.on('SIGINT', () => {
  cleanup()
  process.exit(130)
})

const mocha = new Mocha({timeout: 120_000, reporter: 'spec', grep, dryRun})
for (const file of files) mocha.addFile(file)
let passed = 0
let failed = 0
try {
  await mocha.loadFilesAsync()
  await new Promise<void>((resolve) => {
    const runner = mocha.run(() => resolve())
    runner.on('pass', () => passed++)
    runner.on('fail', () => failed++)
  })
} finally {
  cleanup()
}

if (passed + failed === 0) failed = 1
process.stdout.write(`\n${passed} passed, ${failed} failed\n`)
process.exit(failed > 0 ? 1 : 0)
