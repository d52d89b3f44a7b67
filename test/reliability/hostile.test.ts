import assert from 'node:assert/strict'
import fs from 'node:fs'
import net from 'node:net'

import Database from 'better-sqlite3'

import {ExitCode} from '../../src/errors.js'
import {runCli} from '../harness/cli.js'
import {adminQuery, adminUrl} from '../harness/databases.js'
import {freePort} from '../harness/pg-server.js'
import {TEST_PASSWORD} from '../harness/secrets.js'
import {chainIds} from '../support/chains.js'
import {
  FUTURE_REVISION, NOBODY, type Sandbox, fingerprintFiles, fingerprintPostgres, handOverToNobody, makeLegacyPostgres, makeLegacySqlite, makeForeignSqlite,
  makeSandbox, withPostgres,
} from './sandbox.js'

/**
 * Hostile and broken input, kept as data (hostile-corpus.json), each case run through the real
 * CLI. Every case must end with its documented non-zero exit code, one clear line on stderr that
 * matches the case's message, no stack trace, and no change to any file or database.
 */
interface Case {
  name: string
  args: string[]
  env?: Record<string, string>
  setup?: string[]
  profiles?: string
  prefectToml?: string
  asNobody?: boolean
  /** Set no connection URL: the case builds one from the driver settings. */
  noUrl?: boolean
  /** Variables to remove from runCli's defaults (it sets the password setting). */
  unsetEnv?: string[]
  exit: keyof typeof ExitCode
  message: string
  maxSeconds?: number
}

const cases = JSON.parse(fs.readFileSync(new URL('hostile-corpus.json', import.meta.url), 'utf8')) as Case[]
const isRoot = process.getuid?.() === 0
const head = chainIds('sqlite').at(-1)!
const first = chainIds('sqlite')[0]
let closedPort = 0
let silentServer: net.Server
let silentPort = 0
const pgPort = (): string => new URL(adminUrl()).port

function fill(text: string, sandbox: Sandbox): string {
  return text
    .replaceAll('{PW}', TEST_PASSWORD)
    .replaceAll('{DIR}', sandbox.dbDir)
    .replaceAll('{PG_PORT}', pgPort())
    .replaceAll('{CLOSED_PORT}', String(closedPort))
    .replaceAll('{SILENT_PORT}', String(silentPort))
    .replaceAll('{HEAD3}', head.slice(0, 3))
    .replaceAll('{HEAD}', head)
    .replaceAll('{FIRST}', first)
}

async function cli(sandbox: Sandbox, args: string[], url: string): Promise<void> {
  const result = await runCli(args, {env: {...sandbox.env, PREFECT_SERVER_DATABASE_CONNECTION_URL: url}, cwd: sandbox.cwd})
  assert.equal(result.code, 0, `setup ${args.join(' ')} failed: ${result.stderr}`)
}

async function setUp(sandbox: Sandbox, step: string): Promise<void> {
  const sqlite = sandbox.sqliteUrl
  switch (step) {
    case 'sqlite-first': return cli(sandbox, ['server', 'database', 'upgrade', '-y', '-r', first], sqlite)
    case 'sqlite-head': return cli(sandbox, ['server', 'database', 'upgrade', '-y'], sqlite)
    case 'sqlite-empty-recorded':
      await cli(sandbox, ['server', 'database', 'upgrade', '-y', '-r', first], sqlite)
      return cli(sandbox, ['server', 'database', 'downgrade', '-y', '-r', 'base'], sqlite)
    case 'pg-head': return cli(sandbox, ['server', 'database', 'upgrade', '-y'], (await withPostgres(sandbox)).asyncpgUrl)
    case 'sqlite-legacy': return makeLegacySqlite(sandbox.sqliteFile)
    case 'pg-legacy': return makeLegacyPostgres((await withPostgres(sandbox)).name)
    case 'sqlite-foreign': return makeForeignSqlite(sandbox.sqliteFile)
    case 'sqlite-future': {
      const db = new Database(sandbox.sqliteFile)
      db.prepare('UPDATE alembic_version SET version_num = ?').run(FUTURE_REVISION)
      db.close()
      return
    }

    case 'pg-future':
      await adminQuery('UPDATE alembic_version SET version_num = $1', [FUTURE_REVISION], sandbox.pg!.name)
      return
    case 'readonly-file': return fs.chmodSync(sandbox.sqliteFile, 0o444)
    case 'readonly-dir': return fs.chmodSync(sandbox.dbDir, 0o555)
    case 'not-a-db': return fs.writeFileSync(sandbox.sqliteFile, 'this is a text file, not a database\n'.repeat(200))
    case 'dir-as-db': return fs.mkdirSync(sandbox.sqliteFile)
    case 'file-as-parent': return fs.writeFileSync(`${sandbox.dbDir}/afile`, 'a file, not a directory\n')
    default: throw new Error(`unknown setup step ${step}`)
  }
}

describe('hostile and broken input', function () {
  before(async () => {
    closedPort = await freePort()
    silentServer = net.createServer(() => {
      // accept and say nothing: a server that never answers the PostgreSQL handshake
    })
    await new Promise<void>((resolve) => silentServer.listen(0, '127.0.0.1', resolve))
    silentPort = (silentServer.address() as net.AddressInfo).port
  })
  after(() => silentServer.close())

  it(`keeps a corpus of at least 60 cases (has ${cases.length})`, () => {
    assert.ok(cases.length >= 60)
  })

  for (const testCase of cases) {
    it(testCase.name, async function () {
      const sandbox = makeSandbox(Boolean(testCase.asNobody && isRoot))
      try {
        for (const step of testCase.setup ?? []) await setUp(sandbox, step)
        if (testCase.profiles !== undefined) fs.writeFileSync(`${sandbox.prefectHome}/profiles.toml`, testCase.profiles)
        if (testCase.prefectToml !== undefined) fs.writeFileSync(`${sandbox.cwd}/prefect.toml`, testCase.prefectToml)
        const usesPg = (testCase.setup ?? []).some((step) => step.startsWith('pg-'))
        const env: Record<string, string | undefined> = {...sandbox.env}
        for (const name of testCase.unsetEnv ?? []) env[name] = undefined
        if (!testCase.noUrl) env.PREFECT_SERVER_DATABASE_CONNECTION_URL = usesPg ? sandbox.pg!.asyncpgUrl : sandbox.sqliteUrl
        for (const [key, value] of Object.entries(testCase.env ?? {})) env[key] = fill(value, sandbox)
        if (testCase.asNobody && isRoot) handOverToNobody(sandbox)

        const filesBefore = fingerprintFiles(sandbox)
        const pgBefore = await fingerprintPostgres(sandbox)
        const started = Date.now()
        const asNobody = testCase.asNobody && isRoot ? {uid: NOBODY, gid: NOBODY} : {}
        const result = await runCli(testCase.args.map((arg) => fill(arg, sandbox)), {env, cwd: sandbox.cwd, ...asNobody})
        const seconds = (Date.now() - started) / 1000
        const report = `exit ${result.code}\nstdout: ${result.stdout}\nstderr: ${result.stderr}`

        assert.equal(result.code, ExitCode[testCase.exit], `expected exit ${testCase.exit} (${ExitCode[testCase.exit]})\n${report}`)
        const lines = result.stderr.trim().split('\n').filter((line) => line.trim() !== '' && !/^(Applying|Reverting) /.test(line))
        assert.ok(lines.length > 0, `no message on stderr\n${report}`)
        assert.match(lines.at(-1)!, new RegExp(fill(testCase.message, sandbox), 'i'), report)
        assert.equal(lines.length, 1, `expected one line on stderr\n${report}`)
        assert.doesNotMatch(result.stderr + result.stdout, /^\s+at .+:\d+:\d+\)?$/m, `stack trace printed\n${report}`)
        assert.equal(fingerprintFiles(sandbox), filesBefore, `files changed\n${report}`)
        assert.equal(await fingerprintPostgres(sandbox), pgBefore, `database changed\n${report}`)
        if (testCase.maxSeconds) assert.ok(seconds <= testCase.maxSeconds, `took ${seconds}s, more than ${testCase.maxSeconds}s`)
      } finally {
        if (testCase.asNobody && isRoot) fs.rmSync(sandbox.root, {recursive: true, force: true})
      }
    })
  }
})
