import assert from 'node:assert/strict'
import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import {parse} from 'smol-toml'

import {runCli} from '../harness/cli.js'
import {TEST_PASSWORD} from '../harness/secrets.js'
import {tempDir, tempHome} from '../harness/tmp.js'

const FIXTURES = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', 'fixtures', 'profiles')
const PG_URL = `postgresql+asyncpg://prefect:${TEST_PASSWORD}@db.internal:5432/prefect`

function home(): {home: string; file: string; env: Record<string, string | undefined>} {
  const prefectHome = tempHome()
  return {home: prefectHome, file: path.join(prefectHome, 'profiles.toml'), env: {PREFECT_HOME: prefectHome}}
}

function profilesOf(file: string): {active: string; profiles: Record<string, Record<string, string>>} {
  return parse(fs.readFileSync(file, 'utf8')) as never
}

const sha = (file: string): string => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex')

describe('prefect config set / unset', () => {
  it('stores a legacy alias under the canonical name and echoes the URL with its password masked', async () => {
    const h = home()
    const result = await runCli(['config', 'set', `PREFECT_API_DATABASE_CONNECTION_URL=${PG_URL}`, 'PREFECT_SERVER_DATABASE_TIMEOUT=60'], {env: h.env})
    assert.equal(result.code, 0, result.stderr)
    assert.equal(
      result.stdout,
      "Set 'PREFECT_API_DATABASE_CONNECTION_URL' to 'postgresql+asyncpg://prefect:***@db.internal:5432/prefect'.\nSet 'PREFECT_SERVER_DATABASE_TIMEOUT' to '60'.\nUpdated profile 'ephemeral'.\n",
    )
    assert.equal(result.stderr, '')
    const stored = profilesOf(h.file)
    assert.equal(stored.active, 'ephemeral')
    assert.deepEqual({...stored.profiles.ephemeral}, {
      PREFECT_SERVER_EPHEMERAL_ENABLED: 'true',
      PREFECT_SERVER_DATABASE_CONNECTION_URL: PG_URL,
      PREFECT_SERVER_DATABASE_TIMEOUT: '60',
    })
    assert.equal(fs.statSync(h.file).mode & 0o777, 0o600)
    assert.equal(fs.statSync(h.home).mode & 0o777, 0o700)
  })

  it('warns once for a Prefect 2 name and stores the current one', async () => {
    const h = home()
    const result = await runCli(['config', 'set', 'PREFECT_ORION_DATABASE_CONNECTION_URL=sqlite+aiosqlite:////tmp/orion.db'], {env: h.env})
    assert.equal(result.code, 0, result.stderr)
    assert.equal(result.stderr.trim().split('\n').length, 1)
    assert.match(result.stderr, /PREFECT_ORION_DATABASE_CONNECTION_URL is deprecated.*PREFECT_SERVER_DATABASE_CONNECTION_URL/)
    assert.equal(profilesOf(h.file).profiles.ephemeral.PREFECT_SERVER_DATABASE_CONNECTION_URL, 'sqlite+aiosqlite:////tmp/orion.db')
  })

  it('warns when an environment variable overrides the new value', async () => {
    const h = home()
    const result = await runCli(['config', 'set', 'PREFECT_SERVER_DATABASE_TIMEOUT=60'], {env: {...h.env, PREFECT_SERVER_DATABASE_TIMEOUT: '5'}})
    assert.equal(result.code, 0)
    assert.equal(
      result.stderr,
      'PREFECT_SERVER_DATABASE_TIMEOUT is also set by an environment variable which will override your config value. Run `unset PREFECT_SERVER_DATABASE_TIMEOUT` to clear it.\n',
    )
  })

  const refusals: Array<[string[], number, string]> = [
    [['PREFECT_SERVER_DATABASE_TIMEOUTT=1'], 2, "Unknown setting name 'PREFECT_SERVER_DATABASE_TIMEOUTT'. Did you mean 'PREFECT_SERVER_DATABASE_TIMEOUT'?"],
    [['PREFECT_SERVER_DATABASE_TIMEOUT'], 2, "Failed to parse argument 'PREFECT_SERVER_DATABASE_TIMEOUT'. Use the format 'VAR=VAL'."],
    [['PREFECT_HOME=/tmp/x'], 2, "Setting 'PREFECT_HOME' cannot be changed with this command. Use an environment variable instead."],
    [['PREFECT_SERVER_API_PORT=1', 'PREFECT_SERVER_DATABASE_TIMEOUT=abc'], 3, "Invalid value 'abc' for PREFECT_SERVER_DATABASE_TIMEOUT: expected a number greater than 0. Nothing was changed."],
    [[`PREFECT_SERVER_DATABASE_PASSWORD=${TEST_PASSWORD}`, 'PREFECT_SERVER_DATABASE_ECHO=perhaps'], 3, "Invalid value 'perhaps' for PREFECT_SERVER_DATABASE_ECHO: expected true or false. Nothing was changed."],
  ]
  for (const [args, code, message] of refusals) {
    it(`refuses ${args.join(' ').replace(TEST_PASSWORD, '…')} with exit ${code} and writes nothing`, async () => {
      const h = home()
      const result = await runCli(['config', 'set', ...args], {env: h.env})
      assert.equal(result.code, code)
      assert.equal(result.stdout, '')
      assert.equal(result.stderr, `${message}\n`)
      assert.equal(fs.existsSync(h.file), false)
    })
  }

  it('refuses to write a broken profiles file and leaves it byte for byte', async () => {
    for (const fixture of ['broken-invalid.toml', 'broken-wrong-type.toml']) {
      const h = home()
      fs.mkdirSync(h.home, {recursive: true})
      fs.copyFileSync(path.join(FIXTURES, fixture), h.file)
      const before = sha(h.file)
      for (const args of [['config', 'set', 'PREFECT_SERVER_DATABASE_TIMEOUT=5'], ['config', 'unset', 'PREFECT_API_URL', '-y'], ['profile', 'create', 'x'], ['profile', 'use', 'local']]) {
        const result = await runCli(args, {env: h.env})
        assert.equal(result.code, 3, `${args.join(' ')}: ${result.stderr}`)
        assert.match(result.stderr, new RegExp(`^The profiles file ${h.file.replaceAll('/', '\\/')} is broken: .*; nothing was changed\\.\\n$`))
      }

      assert.equal(sha(h.file), before)
      assert.deepEqual(fs.readdirSync(h.home), ['profiles.toml'])
      const view = await runCli(['config', 'view'], {env: h.env})
      assert.equal(view.code, 0)
      assert.equal(view.stderr, `Failed to load profiles from ${h.file}. Please ensure the file is valid TOML.\n`)
    }
  })

  it('edits a file written by Python Prefect and keeps its format', async () => {
    const h = home()
    fs.mkdirSync(h.home, {recursive: true})
    fs.copyFileSync(path.join(FIXTURES, 'prefect-written.toml'), h.file)
    const result = await runCli(
      ['config', 'set', 'PREFECT_API_DATABASE_CONNECTION_URL=sqlite+aiosqlite:////srv/prefect/other.db', 'PREFECT_SERVER_DATABASE_TIMEOUT=45'],
      {env: h.env},
    )
    assert.equal(result.code, 0, result.stderr)
    assert.equal(result.stdout.split('\n').at(-2), "Updated profile 'dev'.")
    assert.equal(fs.readFileSync(h.file, 'utf8'), fs.readFileSync(path.join(FIXTURES, 'prefect-written-after-set.toml'), 'utf8'))
  })

  it('loses no key when 8 `config set` run at once', async () => {
    const h = home()
    const keys = [
      'PREFECT_SERVER_DATABASE_TIMEOUT', 'PREFECT_SERVER_DATABASE_CONNECTION_TIMEOUT', 'PREFECT_SERVER_DATABASE_MIGRATION_TIMEOUT',
      'PREFECT_SERVER_DATABASE_SQLALCHEMY_POOL_SIZE', 'PREFECT_SERVER_DATABASE_SQLALCHEMY_MAX_OVERFLOW',
      'PREFECT_SERVER_DATABASE_SQLALCHEMY_POOL_RECYCLE', 'PREFECT_SERVER_DATABASE_SQLALCHEMY_POOL_TIMEOUT', 'PREFECT_SERVER_API_PORT',
    ]
    // A lock left behind by a killed run must not stop them either.
    fs.mkdirSync(h.home, {recursive: true})
    fs.writeFileSync(`${h.file}.lock`, `999999999 ${os.hostname()} 0\n`)
    const results = await Promise.all(keys.map((key, i) => runCli(['config', 'set', `${key}=${i + 11}`], {env: h.env})))
    for (const result of results) assert.equal(result.code, 0, result.stderr)
    const stored = profilesOf(h.file).profiles.ephemeral
    for (const [i, key] of keys.entries()) assert.equal(stored[key], String(i + 11), key)
    assert.deepEqual(fs.readdirSync(h.home), ['profiles.toml'])
  })

  it('unsets keys, alias spellings included, without a prompt when there is no terminal', async () => {
    const h = home()
    fs.mkdirSync(h.home, {recursive: true})
    fs.writeFileSync(h.file, 'active = "dev"\n\n[profiles.dev]\nPREFECT_API_DATABASE_TIMEOUT = "3"\nPREFECT_API_URL = "http://x/api"\n')
    const result = await runCli(['config', 'unset', 'PREFECT_SERVER_DATABASE_TIMEOUT'], {env: {...h.env, PREFECT_SERVER_DATABASE_TIMEOUT: '9'}})
    assert.equal(result.code, 0, result.stderr)
    assert.equal(result.stdout, "Unset 'PREFECT_SERVER_DATABASE_TIMEOUT'.\nUpdated profile 'dev'.\n")
    assert.equal(
      result.stderr,
      "'PREFECT_SERVER_DATABASE_TIMEOUT' is also set by an environment variable. Use `unset PREFECT_SERVER_DATABASE_TIMEOUT` to clear it.\n",
    )
    assert.deepEqual({...profilesOf(h.file).profiles.dev}, {PREFECT_API_URL: 'http://x/api'})
    const again = await runCli(['config', 'unset', 'PREFECT_SERVER_DATABASE_TIMEOUT', '-y'], {env: h.env})
    assert.equal(again.code, 3)
    assert.equal(again.stderr, "'PREFECT_SERVER_DATABASE_TIMEOUT' is not set in profile 'dev'.\n")
    const unknown = await runCli(['config', 'unset', 'PREFECT_NOPE'], {env: h.env})
    assert.equal(unknown.code, 2)
  })

  it('validates the profile and saves legacy names under current ones', async () => {
    const h = home()
    fs.mkdirSync(h.home, {recursive: true})
    fs.writeFileSync(h.file, 'active = "dev"\n\n[profiles.dev]\nPREFECT_API_DATABASE_TIMEOUT = "3"\nPREFECT_SERVER_ALLOW_EPHEMERAL_MODE = "false"\n')
    const result = await runCli(['config', 'validate'], {env: h.env})
    assert.equal(result.code, 0, result.stderr)
    assert.equal(result.stdout, 'Configuration valid!\n')
    assert.deepEqual({...profilesOf(h.file).profiles.dev}, {PREFECT_SERVER_DATABASE_TIMEOUT: '3', PREFECT_SERVER_EPHEMERAL_ENABLED: 'false'})
    fs.writeFileSync(h.file, 'active = "dev"\n\n[profiles.dev]\nPREFECT_SERVER_DATABASE_TIMEOUT = "x"\n')
    const bad = await runCli(['config', 'validate'], {env: h.env})
    assert.equal(bad.code, 3)
    assert.equal(bad.stderr, "Invalid value 'x' for PREFECT_SERVER_DATABASE_TIMEOUT (from profile): expected a number greater than 0.\n")
  })
})

describe('prefect config view', () => {
  function project(): {cwd: string; h: ReturnType<typeof home>} {
    // The password comes from the profile here, so runCli's default password variable is removed.
    const h = home()
    h.env = {...h.env, PREFECT_SERVER_DATABASE_PASSWORD: undefined}
    const cwd = tempDir('project-')
    fs.mkdirSync(h.home, {recursive: true})
    fs.writeFileSync(h.file, `active = "dev"\n\n[profiles.dev]\nPREFECT_SERVER_DATABASE_ECHO = "true"\nPREFECT_SERVER_DATABASE_PASSWORD = "${TEST_PASSWORD}"\n`)
    fs.writeFileSync(path.join(cwd, '.env'), 'PREFECT_SERVER_API_PORT=4300\n')
    fs.writeFileSync(path.join(cwd, 'prefect.toml'), '[server.database]\nconnection_timeout = 7.5\n')
    fs.writeFileSync(path.join(cwd, 'pyproject.toml'), '[tool.prefect.server.database]\nmigration_timeout = "600"\n')
    return {cwd, h}
  }

  it('prints every set value with its source, sorted, secrets hidden', async () => {
    const {cwd, h} = project()
    const result = await runCli(['config', 'view'], {cwd, env: {...h.env, PREFECT_API_DATABASE_CONNECTION_URL: PG_URL}})
    assert.equal(result.code, 0, result.stderr)
    assert.equal(
      result.stdout,
      [
        "PREFECT_PROFILE='dev'",
        `PREFECT_HOME='${h.home}' (from env)`,
        "PREFECT_SERVER_API_PORT='4300' (from .env file)",
        "PREFECT_SERVER_DATABASE_CONNECTION_TIMEOUT='7.5' (from prefect.toml)",
        "PREFECT_SERVER_DATABASE_CONNECTION_URL='********' (from env)",
        "PREFECT_SERVER_DATABASE_ECHO='true' (from profile)",
        "PREFECT_SERVER_DATABASE_MIGRATION_TIMEOUT='600' (from pyproject.toml)",
        "PREFECT_SERVER_DATABASE_PASSWORD='********' (from profile)",
        '',
      ].join('\n'),
    )
  })

  it('hides sources, shows defaults, and prints JSON', async () => {
    const {cwd, h} = project()
    const plain = await runCli(['config', 'view', '--hide-sources'], {cwd, env: h.env})
    assert.ok(plain.stdout.includes("\nPREFECT_SERVER_DATABASE_ECHO='true'\n"))
    const defaults = await runCli(['config', 'view', '--show-defaults'], {cwd, env: h.env})
    assert.ok(defaults.stdout.includes("\nPREFECT_SERVER_DATABASE_SQLALCHEMY_POOL_SIZE='5' (from defaults)\n"))
    assert.ok(defaults.stdout.includes('\nPREFECT_API_KEY is unset (from defaults)\n'))
    const json = await runCli(['config', 'view', '-o', 'json', '--hide-defaults'], {cwd, env: {...h.env, PREFECT_API_URL: 'http://127.0.0.1:4200/api'}})
    const body = JSON.parse(json.stdout)
    assert.equal(body.profile, 'dev')
    assert.equal(body.ui_url, 'http://127.0.0.1:4200')
    assert.deepEqual(body.settings.find((s: {name: string}) => s.name === 'PREFECT_SERVER_DATABASE_PASSWORD'), {
      name: 'PREFECT_SERVER_DATABASE_PASSWORD',
      value: '********',
      source: 'profile',
    })
    assert.ok(json.stdout.startsWith('{\n  "profile": "dev",\n'))
    const text = await runCli(['config', 'view'], {cwd, env: {...h.env, PREFECT_API_URL: 'http://127.0.0.1:4200/api'}})
    assert.ok(
      text.stdout.startsWith(
        "API URL (the PREFECT_API_URL setting; not contacted): http://127.0.0.1:4200/api\nUI URL (from PREFECT_API_URL): http://127.0.0.1:4200\nPREFECT_PROFILE='dev'\n",
      ),
      text.stdout,
    )
    assert.ok(!text.stdout.includes('connected'))
  })

  it('shows secrets only when asked', async () => {
    const {cwd, h} = project()
    const result = await runCli(['config', 'view', '--show-secrets', '--show-defaults'], {cwd, env: h.env, allowSecret: true})
    assert.ok(result.stdout.includes(`\nPREFECT_SERVER_DATABASE_PASSWORD='${TEST_PASSWORD}' (from profile)\n`))
    assert.ok(result.stdout.includes('\nPREFECT_API_KEY is unset (from defaults)\n'))
  })

  it('rejects other output formats and reports bad values with their source', async () => {
    const {cwd, h} = project()
    const yaml = await runCli(['config', 'view', '-o', 'yaml'], {cwd, env: h.env})
    assert.equal(yaml.code, 2)
    assert.equal(yaml.stderr, "Only 'json' output format is supported.\n")
    const bad = await runCli(['config', 'view'], {cwd, env: {...h.env, PREFECT_SERVER_DATABASE_TIMEOUT: 'abc'}})
    assert.equal(bad.code, 3)
    assert.equal(bad.stderr, "Invalid value 'abc' for PREFECT_SERVER_DATABASE_TIMEOUT (from env): expected a number greater than 0.\n")
  })

  it('takes -p before the command, where the profile beats the environment', async () => {
    const {cwd, h} = project()
    const result = await runCli(['-p', 'dev', 'config', 'view'], {cwd, env: {...h.env, PREFECT_PROFILE: 'local', PREFECT_SERVER_DATABASE_ECHO: 'false'}})
    assert.equal(result.code, 0, result.stderr)
    assert.ok(result.stdout.startsWith("PREFECT_PROFILE='dev'\n"))
    assert.ok(result.stdout.includes("PREFECT_SERVER_DATABASE_ECHO='true' (from profile)"))
    const unknown = await runCli(['-p', 'nope', 'config', 'view'], {cwd, env: h.env})
    assert.equal(unknown.code, 3)
    assert.match(unknown.stderr, /^Unknown profile 'nope'\./)
    const envProfile = await runCli(['config', 'view'], {cwd, env: {...h.env, PREFECT_PROFILE: 'gone'}})
    assert.equal(envProfile.code, 0)
    assert.equal(envProfile.stderr, "WARNING: Active profile 'gone' set by environment variable not found. The default profile will be used instead.\n")
    assert.ok(envProfile.stdout.startsWith("PREFECT_PROFILE='ephemeral'\n"))
  })
})

describe('prefect config: database URLs, settings files and defaults (issue 9)', () => {
  const NAMES = ['PREFECT_SERVER_DATABASE_CONNECTION_URL', 'PREFECT_API_DATABASE_CONNECTION_URL', 'PREFECT_ORION_DATABASE_CONNECTION_URL']
  const BAD_URLS: Array<[string, string]> = [
    [`mysql://u:${TEST_PASSWORD}@h/db`, "Unsupported database dialect 'mysql' in 'mysql://u:***@h/db'. Use a 'sqlite+aiosqlite://' or 'postgresql+asyncpg://' URL."],
    ['not-a-url', "The database connection URL 'not-a-url' is not a URL."],
    [`u:${TEST_PASSWORD}@h/db`, "The database connection URL 'u:***@h/db' is not a URL."],
    ['sqlite+aiosqlite://somehost/prefect.db', "The SQLite URL 'sqlite+aiosqlite://somehost/prefect.db' names a host ('somehost'); SQLite URLs have none."],
  ]
  const deprecation = (name: string): string =>
    name.startsWith('PREFECT_ORION_') ? `${name} is deprecated (it was removed in Prefect 2.13); use PREFECT_SERVER_DATABASE_CONNECTION_URL instead.\n` : ''

  it('config set refuses a database URL the database commands refuse, under each of its names, with their message, exit 3, writing nothing', async () => {
    for (const [url, start] of BAD_URLS) {
      // What the database commands say about this URL (the parser's line, password masked).
      const database = await runCli(['server', 'database', 'current'], {env: {...home().env, PREFECT_SERVER_DATABASE_CONNECTION_URL: url}})
      assert.equal(database.code, 3, database.stderr)
      const parserLine = database.stderr.trim()
      assert.ok(parserLine.startsWith(start), parserLine)
      for (const name of NAMES) {
        const h = home()
        const result = await runCli(['config', 'set', `${name}=${url}`, 'PREFECT_SERVER_DATABASE_TIMEOUT=60'], {env: h.env})
        assert.equal(result.code, 3, `${name}=${url}: ${result.stderr}`)
        assert.equal(result.stdout, '')
        assert.equal(result.stderr, `${deprecation(name)}Invalid value for ${name}: ${parserLine} Nothing was changed.\n`)
        assert.equal(fs.existsSync(h.file), false)
      }
    }
  })

  it('config set takes the URLs the database commands take, placeholders included', async () => {
    const h = home()
    const urls = [
      'sqlite+aiosqlite:///${PREFECT_HOME}/other.db',
      'sqlite:///relative/path.db',
      'sqlite+aiosqlite:///:memory:',
      'postgresql+asyncpg://prefect:${PREFECT_SERVER_DATABASE_PASSWORD}@db:5432/prefect',
      'postgres://prefect@db/prefect?sslmode=require',
    ]
    for (const url of urls) {
      const result = await runCli(['config', 'set', `PREFECT_SERVER_DATABASE_CONNECTION_URL=${url}`], {env: h.env})
      assert.equal(result.code, 0, `${url}: ${result.stderr}`)
    }

    assert.equal(profilesOf(h.file).profiles.ephemeral.PREFECT_SERVER_DATABASE_CONNECTION_URL, urls.at(-1))
  })

  it('config validate refuses a profile holding such a URL, names it, exits 3 and changes nothing', async () => {
    for (const [url, start] of BAD_URLS) {
      for (const name of NAMES) {
        const h = home()
        fs.mkdirSync(h.home, {recursive: true})
        fs.writeFileSync(h.file, `active = "dev"\n\n[profiles.dev]\n${name} = "${url}"\nPREFECT_API_DATABASE_TIMEOUT = "3"\n`)
        const before = sha(h.file)
        const result = await runCli(['config', 'validate'], {env: h.env})
        assert.equal(result.code, 3, result.stderr)
        assert.equal(result.stdout, '')
        const lines = result.stderr.split('\n').filter((line) => !line.includes('is deprecated'))
        assert.deepEqual(lines.length, 2, result.stderr)
        assert.ok(lines[0].startsWith(`Invalid value for PREFECT_SERVER_DATABASE_CONNECTION_URL (from profile): ${start}`), lines[0])
        assert.equal(sha(h.file), before)
      }
    }

    const h = home()
    fs.mkdirSync(h.home, {recursive: true})
    fs.writeFileSync(h.file, 'active = "dev"\n\n[profiles.dev]\nPREFECT_API_DATABASE_CONNECTION_URL = "postgresql+asyncpg://prefect:${PREFECT_SERVER_DATABASE_PASSWORD}@db/prefect"\n')
    const valid = await runCli(['config', 'validate'], {env: h.env})
    assert.equal(valid.code, 0, valid.stderr)
    assert.equal(valid.stdout, 'Configuration valid!\n')
  })

  it('config set echoes a database URL with only its password masked, other secrets fully', async () => {
    const h = home()
    const cases: Array<[string, string]> = [
      ['PREFECT_SERVER_DATABASE_CONNECTION_URL=postgresql+asyncpg://prefect@db.internal:5432/prefect', 'postgresql+asyncpg://prefect@db.internal:5432/prefect'],
      ['PREFECT_API_DATABASE_CONNECTION_URL=sqlite+aiosqlite:////srv/prefect/prefect.db', 'sqlite+aiosqlite:////srv/prefect/prefect.db'],
      [`PREFECT_SERVER_DATABASE_CONNECTION_URL=${PG_URL}`, 'postgresql+asyncpg://prefect:***@db.internal:5432/prefect'],
      [`PREFECT_SERVER_DATABASE_CONNECTION_URL=postgresql://u@db/p?password=${TEST_PASSWORD}`, 'postgresql://u@db/p?password=***'],
      [`PREFECT_SERVER_DATABASE_PASSWORD=${TEST_PASSWORD}`, '********'],
      ['PREFECT_API_KEY=pnu_not_a_url_0123456789', '********'],
    ]
    for (const [assignment, shown] of cases) {
      const result = await runCli(['config', 'set', assignment], {env: h.env})
      assert.equal(result.code, 0, result.stderr)
      assert.equal(result.stdout, `Set '${assignment.split('=')[0]}' to '${shown}'.\nUpdated profile 'ephemeral'.\n`)
    }
  })

  it('config view and config validate warn about misspelt keys of prefect.toml and [tool.prefect], one line each', async () => {
    const h = home()
    const cwd = tempDir('typos-')
    fs.writeFileSync(
      path.join(cwd, 'prefect.toml'),
      '[server.databse]\nconnection_url = "sqlite:///x.db"\ntimeout = 3\n\n[server.database]\nconnection_ur = "sqlite:///y.db"\nconnection_timeout = 7.5\n\n' +
        '[server.ui]\nenabled = true\n\n[logging]\nlevel = "DEBUG"\n',
    )
    fs.writeFileSync(path.join(cwd, 'pyproject.toml'), '[project]\nname = "x"\n\n[tool.prefect.server.database]\nconection_url = "sqlite:///z.db"\necho = true\n')
    const expected = [
      `Unknown key 'server.databse' in ${path.join(cwd, 'prefect.toml')} is ignored; the nearest known key is 'server.database'.`,
      `Unknown key 'server.database.connection_ur' in ${path.join(cwd, 'prefect.toml')} is ignored; the nearest known key is 'server.database.connection_url'.`,
      `Unknown key 'tool.prefect.server.database.conection_url' in ${path.join(cwd, 'pyproject.toml')} is ignored; the nearest known key is 'tool.prefect.server.database.connection_url'.`,
      '',
    ].join('\n')
    const view = await runCli(['config', 'view'], {cwd, env: h.env})
    assert.equal(view.code, 0, view.stderr)
    assert.equal(view.stderr, expected)
    assert.ok(view.stdout.includes("\nPREFECT_SERVER_DATABASE_CONNECTION_TIMEOUT='7.5' (from prefect.toml)\n"))
    assert.ok(view.stdout.includes("\nPREFECT_SERVER_DATABASE_ECHO='true' (from pyproject.toml)\n"), view.stdout)
    const validate = await runCli(['config', 'validate'], {cwd, env: h.env})
    assert.equal(validate.code, 0, validate.stderr)
    assert.equal(validate.stdout, 'Configuration valid!\n')
    assert.equal(validate.stderr, expected)
    const json = await runCli(['config', 'view', '-o', 'json'], {cwd, env: h.env})
    assert.equal(json.stderr, expected)
    JSON.parse(json.stdout)
  })

  it('config view says what the API URL setting is, not that it is connected', async () => {
    const h = home()
    const both = await runCli(['config', 'view'], {env: {...h.env, PREFECT_API_URL: 'http://10.0.0.5:4200/api', PREFECT_UI_URL: 'http://ui.internal'}})
    assert.equal(both.code, 0, both.stderr)
    assert.ok(
      both.stdout.startsWith(
        "API URL (the PREFECT_API_URL setting; not contacted): http://10.0.0.5:4200/api\nUI URL (the PREFECT_UI_URL setting): http://ui.internal\nPREFECT_PROFILE='ephemeral'\n",
      ),
      both.stdout,
    )
    assert.ok(!both.stdout.includes('connected') && !both.stdout.includes('🚀'))
    const json = JSON.parse((await runCli(['config', 'view', '-o', 'json'], {env: {...h.env, PREFECT_API_URL: 'http://10.0.0.5:4200/api'}})).stdout)
    assert.equal(json.api_url, 'http://10.0.0.5:4200/api')
    assert.equal(json.ui_url, 'http://10.0.0.5:4200')
    const none = await runCli(['config', 'view'], {env: h.env})
    assert.ok(none.stdout.startsWith("PREFECT_PROFILE='ephemeral'\n"), none.stdout)
  })

  it('config view --show-defaults prints plain values, the README defaults, and unset settings as unset', async () => {
    // Nothing set at all: runCli's password variable is removed too.
    const h = home()
    h.env = {...h.env, PREFECT_SERVER_DATABASE_PASSWORD: undefined}
    const result = await runCli(['config', 'view', '--show-defaults'], {env: h.env})
    assert.equal(result.code, 0, result.stderr)
    const lines = result.stdout.split('\n')
    for (const line of [
      "PREFECT_SERVER_DATABASE_PORT='5432' (from defaults)",
      "PREFECT_SERVER_DATABASE_TIMEOUT='10.0' (from defaults)",
      "PREFECT_SERVER_DATABASE_CONNECTION_TIMEOUT='5.0' (from defaults)",
      "PREFECT_SERVER_DATABASE_MIGRATE_ON_START='true' (from defaults)",
      "PREFECT_SERVER_DATABASE_ECHO='false' (from defaults)",
      "PREFECT_SERVER_DATABASE_SQLALCHEMY_POOL_TIMEOUT='30.0' (from defaults)",
      "PREFECT_SERVER_DATABASE_SQLALCHEMY_CONNECT_ARGS_TLS_CHECK_HOSTNAME='true' (from defaults)",
      "PREFECT_SERVER_SERVICES_DB_VACUUM_ENABLED='[\"events\"]' (from defaults)",
      "PREFECT_SERVER_SERVICES_DB_VACUUM_RETENTION_PERIOD='P90D' (from defaults)",
      "PREFECT_SERVER_SERVICES_DB_VACUUM_EVENT_RETENTION_OVERRIDES='{\"prefect.flow-run.heartbeat\":604800}' (from defaults)",
      `PREFECT_PROFILES_PATH='${h.file}' (from defaults)`,
      'PREFECT_API_KEY is unset (from defaults)',
      'PREFECT_SERVER_DATABASE_PASSWORD is unset (from defaults)',
      'PREFECT_SERVER_DATABASE_CONNECTION_URL is unset (from defaults)',
      'PREFECT_SERVER_DATABASE_MIGRATION_TIMEOUT is unset (from defaults)',
    ]) assert.ok(lines.includes(line), `${line}\n${result.stdout}`)
    assert.doesNotMatch(result.stdout, /None|True|False|datetime|timedelta|\{'|\*{8}/)
    // A script can hand every printed default back to `config set`.
    const assignments = lines
      .map((line) => /^(PREFECT_\w+)='(.*)' \(from defaults\)$/.exec(line))
      .filter((match): match is RegExpExecArray => match !== null && match[1] !== 'PREFECT_PROFILES_PATH')
      .map((match) => `${match[1]}=${match[2]}`)
    assert.ok(assignments.length >= 20, String(assignments.length))
    const set = await runCli(['config', 'set', ...assignments], {env: h.env})
    assert.equal(set.code, 0, set.stderr)
    const json = JSON.parse((await runCli(['config', 'view', '-o', 'json', '--show-defaults', '--show-secrets'], {env: h.env})).stdout)
    const key = json.settings.find((s: {name: string}) => s.name === 'PREFECT_API_KEY')
    assert.deepEqual(key, {name: 'PREFECT_API_KEY', value: null, source: 'defaults'})
  })
})
