import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import {pathToFileURL} from 'node:url'

import {type CliOptions, type CliResult, PROJECT_ROOT, runCli} from '../harness/cli.js'
import {TEST_PASSWORD} from '../harness/secrets.js'
import {tempDir, tempHome} from '../harness/tmp.js'

/**
 * bin/run.js's settings lane (src/cli/fast-settings.ts: config view/set, profile ls/use without
 * oclif) answers exactly as the same command through oclif: stdout, stderr and exit code, and for
 * the writing commands the profiles.toml they leave. Each run also says whether oclif was loaded,
 * so the lane is seen to be taken (and left to oclif where it should be). The upgrade lane has its
 * own comparison in database.test.ts ("the start-up lane (upgrade -y) answers exactly as ...").
 */
const OCLIF_ONLY = path.join(PROJECT_ROOT, 'test', 'support', 'oclif-only.js')
const REPORT = `--import=${pathToFileURL(path.join(PROJECT_ROOT, 'test', 'support', 'report-oclif.js')).href}`
const PG_URL = `postgresql+asyncpg://prefect:${TEST_PASSWORD}@db.internal:5432/prefect`

const PROFILES = `active = "local"

[profiles.local]
PREFECT_API_URL = "http://127.0.0.1:4200/api"
PREFECT_SERVER_DATABASE_CONNECTION_URL = "${PG_URL}"
PREFECT_SERVER_DATABASE_TIMEOUT = "30"

[profiles.dev]
PREFECT_SERVER_DATABASE_CONNECTION_URL = "sqlite+aiosqlite:////tmp/dev.db"
PREFECT_CLI_PROMPT = "false"
`

interface Run extends CliResult {
  oclif: boolean
}

/** A PREFECT_HOME holding the given profiles.toml. */
function homeWith(profiles: string): string {
  const home = tempHome()
  fs.mkdirSync(home, {recursive: true, mode: 0o700})
  fs.writeFileSync(path.join(home, 'profiles.toml'), profiles, {mode: 0o600})
  return home
}

async function run(args: string[], options: CliOptions): Promise<Run> {
  const result = await runCli(args, {...options, env: {...options.env, NODE_OPTIONS: REPORT}})
  const marker = /\[oclif loaded: (true|false)\]\n$/.exec(result.stderr)
  assert.ok(marker, `no report of oclif in: ${result.stderr}`)
  return {...result, stderr: result.stderr.slice(0, marker.index), oclif: marker[1] === 'true'}
}

const seen = (result: CliResult, home: string) => [result.stdout.replaceAll(home, 'HOME'), result.stderr.replaceAll(home, 'HOME'), result.code]

/** The same read-only command both ways, in one home and one directory. */
async function compareReading(args: string[], options: {home: string; cwd?: string; env?: Record<string, string>; allowSecret?: boolean; lane?: boolean}): Promise<Run> {
  const common: CliOptions = {cwd: options.cwd ?? tempDir('cwd-'), allowSecret: options.allowSecret, env: {PREFECT_HOME: options.home, HOME: path.dirname(options.home), ...options.env}}
  const lane = await run(args, common)
  const oclif = await run(args, {...common, bin: OCLIF_ONLY})
  assert.equal(oclif.oclif, true)
  assert.equal(lane.oclif, !(options.lane ?? true), `prefect ${args.join(' ')}: ${options.lane ?? true ? 'the lane was not taken' : 'the lane was taken'}`)
  assert.deepEqual(seen(lane, options.home), seen(oclif, options.home), `prefect ${args.join(' ')}`)
  return lane
}

/** The same writing command both ways, each in its own copy of the home: also the files it leaves. */
async function compareWriting(args: string[], profiles: string, env: Record<string, string> = {}): Promise<Run> {
  const [a, b] = [homeWith(profiles), homeWith(profiles)]
  const lane = await run(args, {env: {PREFECT_HOME: a, ...env}})
  const oclif = await run(args, {env: {PREFECT_HOME: b, ...env}, bin: OCLIF_ONLY})
  assert.deepEqual([lane.oclif, oclif.oclif], [false, true], `prefect ${args.join(' ')}`)
  assert.deepEqual(seen(lane, a), seen(oclif, b), `prefect ${args.join(' ')}`)
  assert.deepEqual(fs.readdirSync(a).sort(), fs.readdirSync(b).sort())
  assert.equal(fs.readFileSync(path.join(a, 'profiles.toml'), 'utf8'), fs.readFileSync(path.join(b, 'profiles.toml'), 'utf8'))
  return lane
}

describe('the settings lane answers exactly as oclif does', () => {
  const home = homeWith(PROFILES)

  const reading: string[][] = [
    ['config', 'view'],
    ['config', 'view', '--show-sources'],
    ['config', 'view', '--hide-sources', '--show-defaults'],
    ['config', 'view', '--hide-defaults', '--hide-secrets'],
    ['config', 'view', '-o', 'json'],
    ['config', 'view', '--output=json', '--hide-sources', '--show-defaults'],
    ['-p', 'dev', 'config', 'view'],
    ['config', 'view', '--profile', 'dev', '--no-prompt'],
    ['--prompt', '-p', 'dev', 'config', 'view', '--show-defaults'],
    ['config', 'view', '--profile=dev', '-o', 'json'],
    ['profile', 'ls'],
    ['profile', 'ls', '-o', 'json'],
    ['-p', 'dev', 'profile', 'ls'],
  ]
  for (const args of reading) {
    it(`prefect ${args.join(' ')}`, async () => {
      const result = await compareReading(args, {home})
      assert.equal(result.code, 0, result.stderr)
    })
  }

  it('prefect config view --show-secrets (the password shown both ways)', async () => {
    const result = await compareReading(['config', 'view', '--show-secrets'], {home, allowSecret: true})
    assert.ok(result.stdout.includes(PG_URL), result.stdout)
  })

  it('an unknown profile: exit 3 and one line on stderr, or a JSON error on stdout under -o json', async () => {
    const plain = await compareReading(['-p', 'nope', 'config', 'view'], {home})
    assert.deepEqual([plain.code, plain.stdout], [3, ''])
    assert.match(plain.stderr, /^Unknown profile 'nope'\..*\n$/)
    const json = await compareReading(['-p', 'nope', 'config', 'view', '-o', 'json'], {home})
    assert.equal(json.code, 3)
    assert.equal((JSON.parse(json.stdout) as {error: {exitCode: number}}).error.exitCode, 3)
    assert.equal((await compareReading(['profile', 'ls', '--profile', 'nope'], {home})).code, 3)
  })

  it('a broken profiles.toml: the writing commands exit 3 with the same line; the reading ones warn alike', async () => {
    const profiles = 'active = "dev"\n\n[profiles.dev\nPREFECT_API_URL = "http://x"\n'
    for (const args of [['config', 'set', 'PREFECT_SERVER_DATABASE_TIMEOUT=60'], ['profile', 'use', 'dev'], ['-p', 'dev', 'config', 'set', 'PREFECT_SERVER_DATABASE_TIMEOUT=60']]) {
      const result = await compareWriting(args, profiles)
      assert.equal(result.code, 3, result.stderr)
      assert.match(result.stderr, /^The profiles file \S+\/profiles\.toml is broken: .*nothing was changed\.\n$/)
    }

    const broken = homeWith(profiles)
    for (const args of [['config', 'view'], ['config', 'view', '-o', 'json'], ['profile', 'ls']]) {
      const result = await compareReading(args, {home: broken})
      assert.equal(result.code, 0, result.stderr)
      assert.match(result.stderr, /^Failed to load profiles from /)
    }
  })

  it('settings from the environment, .env and prefect.toml (which loads cosmiconfig from the lane), with a misspelt key warned about', async () => {
    const cwd = tempDir('cwd-')
    fs.writeFileSync(path.join(cwd, '.env'), 'PREFECT_SERVER_API_PORT=4300\n')
    fs.writeFileSync(path.join(cwd, 'prefect.toml'), '[server.database]\nconnection_timeout = 7.5\nconnection_ur = "x"\n')
    fs.writeFileSync(path.join(cwd, 'pyproject.toml'), '[tool.prefect.server.database]\nmigration_timeout = 600\n')
    const env = {PREFECT_SERVER_DATABASE_ECHO: 'true', PREFECT_API_DATABASE_TIMEOUT: '9'}
    const result = await compareReading(['config', 'view', '--show-defaults'], {home, cwd, env})
    assert.match(result.stdout, /\(from prefect\.toml\)/)
    assert.match(result.stdout, /\(from pyproject\.toml\)/)
    assert.match(result.stdout, /\(from \.env file\)/)
    assert.match(result.stderr, /connection_ur/)
    await compareReading(['-p', 'dev', 'config', 'view', '-o', 'json'], {home, cwd, env})
  })

  it('PREFECT_CLI_COLORS=false in the profile and NO_COLOR alike', async () => {
    const colours = homeWith('active = "plain"\n\n[profiles.plain]\nPREFECT_CLI_COLORS = "false"\n')
    await compareReading(['config', 'view'], {home: colours})
    await compareReading(['profile', 'ls'], {home: colours, env: {NO_COLOR: '1'}})
  })

  it('config set: the lines, the deprecation and override warnings, and the profiles.toml written', async () => {
    const set = await compareWriting(['config', 'set', 'PREFECT_SERVER_DATABASE_TIMEOUT=60', 'PREFECT_ORION_DATABASE_CONNECTION_URL=sqlite+aiosqlite:////tmp/orion.db'], PROFILES)
    assert.equal(set.code, 0, set.stderr)
    assert.match(set.stderr, /deprecated/)
    const overridden = await compareWriting(['-p', 'dev', 'config', 'set', 'PREFECT_SERVER_DATABASE_TIMEOUT=5'], PROFILES, {PREFECT_SERVER_DATABASE_TIMEOUT: '9'})
    assert.match(overridden.stderr, /also set by an environment variable/)
    await compareWriting(['config', 'set', `PREFECT_SERVER_DATABASE_CONNECTION_URL=${PG_URL.replace('db.internal', 'db2')}`], PROFILES)
    await compareWriting(['config', 'set', 'PREFECT_SERVER_DATABASE_TIMEOUT=60'], '')
  })

  it('config set refusals: exit codes and lines alike, nothing written', async () => {
    for (const [args, code] of [
      [['PREFECT_SERVER_DATABASE_TIMEOUTT=1'], 2],
      [['PREFECT_SERVER_DATABASE_TIMEOUT'], 2],
      [['PREFECT_HOME=/tmp/x'], 2],
      [['PREFECT_SERVER_API_PORT=1', 'PREFECT_SERVER_DATABASE_TIMEOUT=abc'], 3],
    ] as Array<[string[], number]>) {
      const result = await compareWriting(['config', 'set', ...args], PROFILES)
      assert.equal(result.code, code, result.stderr)
    }
  })

  it('profile use: a profile with a database, one without a usable one, and an unknown one', async () => {
    const used = await compareWriting(['profile', 'use', 'dev'], PROFILES)
    assert.equal(used.code, 0, used.stderr)
    assert.match(used.stdout, /^Switched to profile 'dev'\.\nDatabase: /)
    await compareWriting(['profile', 'use', 'local'], PROFILES)
    await compareWriting(['profile', 'use', 'broken'], `${PROFILES}\n[profiles.broken]\nPREFECT_SERVER_DATABASE_CONNECTION_URL = "mysql://x"\n`)
    const unknown = await compareWriting(['profile', 'use', 'nope'], PROFILES)
    assert.notEqual(unknown.code, 0)
  })

  const throughOclif: string[][] = [
    ['config', 'view', '--help'],
    ['config', 'view', '-h'],
    ['config', 'view', '--show-defaults', '--hide-defaults'],
    ['config', 'view', '--show-sources', '--show-sources'],
    ['config', 'view', '-o', 'yaml'],
    ['config', 'view', '-ojson'],
    ['config', 'view', 'extra'],
    ['config', 'view', '--json'],
    ['config', 'view', '-p'],
    ['config', 'view', '-p', 'dev', '-p', 'local'],
    ['config', 'set'],
    ['config', 'set', '--', 'PREFECT_SERVER_DATABASE_TIMEOUT=1'],
    ['profile', 'use'],
    ['profile', 'use', 'dev', 'local'],
    ['profile', 'ls', '--show-defaults'],
    ['profiles', 'ls'],
  ]
  const spare = homeWith(PROFILES)
  for (const args of throughOclif) {
    it(`prefect ${args.join(' ')} is left to oclif`, async () => {
      await compareReading(args, {home: spare, lane: false})
    })
  }
})
