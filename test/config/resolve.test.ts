import assert from 'node:assert/strict'
import path from 'node:path'

import {resolveSettings} from '../../src/config/index.js'
import {ConfigError} from '../../src/errors.js'
import {sandbox, writeFile} from './helpers.js'

const TIMEOUT = 'PREFECT_SERVER_DATABASE_TIMEOUT'

describe('resolveSettings: sources and precedence', () => {
  it('labels each source exactly as Prefect prints it', async () => {
    const box = sandbox()
    writeFile(box.profiles, 'active = "ephemeral"\n\n[profiles.ephemeral]\nPREFECT_SERVER_DATABASE_ECHO = "true"\n')
    writeFile(path.join(box.cwd, '.env'), 'PREFECT_SERVER_API_PORT=4300\n')
    writeFile(path.join(box.cwd, 'prefect.toml'), '[server.database]\nconnection_timeout = 7.5\n')
    writeFile(path.join(box.cwd, 'pyproject.toml'), '[project]\nname = "x"\n\n[tool.prefect.server.database]\nmigration_timeout = 600\n')
    const settings = await resolveSettings({env: {PREFECT_HOME: box.home, [TIMEOUT]: '42'}, cwd: box.cwd, warn: box.warn})
    assert.deepEqual(
      [TIMEOUT, 'PREFECT_SERVER_API_PORT', 'PREFECT_SERVER_DATABASE_CONNECTION_TIMEOUT', 'PREFECT_SERVER_DATABASE_MIGRATION_TIMEOUT', 'PREFECT_SERVER_DATABASE_ECHO'].map(
        (name) => [settings.get(name), settings.source(name)],
      ),
      [[42, 'env'], [4300, '.env file'], [7.5, 'prefect.toml'], [600, 'pyproject.toml'], [true, 'profile']],
    )
    assert.equal(settings.get('PREFECT_SERVER_DATABASE_SQLALCHEMY_POOL_SIZE'), 5)
    assert.equal(settings.source('PREFECT_SERVER_DATABASE_SQLALCHEMY_POOL_SIZE'), 'defaults')
    assert.deepEqual(box.warnings, [])
  })

  it('takes env over .env over prefect.toml over pyproject.toml over profile over defaults', async () => {
    const box = sandbox()
    const layers: Array<[string, () => void]> = [
      ['profile', () => writeFile(box.profiles, `[profiles.ephemeral]\n${TIMEOUT} = "5"\n`)],
      ['pyproject.toml', () => writeFile(path.join(box.cwd, 'pyproject.toml'), '[tool.prefect.server.database]\ntimeout = 4\n')],
      ['prefect.toml', () => writeFile(path.join(box.cwd, 'prefect.toml'), '[server.database]\ntimeout = 3\n')],
      ['.env file', () => writeFile(path.join(box.cwd, '.env'), `${TIMEOUT}=2\n`)],
    ]
    const env = {PREFECT_HOME: box.home}
    let settings = await resolveSettings({env, cwd: box.cwd})
    assert.deepEqual([settings.get(TIMEOUT), settings.source(TIMEOUT)], [10, 'defaults'])
    for (const [label, add] of layers) {
      add()
      settings = await resolveSettings({env, cwd: box.cwd})
      assert.equal(settings.source(TIMEOUT), label)
    }

    settings = await resolveSettings({env: {...env, [TIMEOUT]: '1'}, cwd: box.cwd})
    assert.deepEqual([settings.get(TIMEOUT), settings.source(TIMEOUT)], [1, 'env'])
  })

  it('does not put .env values into process.env', async () => {
    const box = sandbox()
    writeFile(path.join(box.cwd, '.env'), 'PREFECT_UNIT_DOTENV_PROBE=1\nPREFECT_API_URL=http://x/api\n')
    const settings = await resolveSettings({env: {PREFECT_HOME: box.home}, cwd: box.cwd})
    assert.equal(settings.get('PREFECT_API_URL'), 'http://x/api')
    assert.equal(process.env.PREFECT_UNIT_DOTENV_PROBE, undefined)
  })

  it('accepts legacy aliases, lets the canonical name win, and warns once for PREFECT_ORION_*', async () => {
    const box = sandbox()
    let settings = await resolveSettings({env: {PREFECT_HOME: box.home, PREFECT_API_DATABASE_TIMEOUT: '11'}, cwd: box.cwd, warn: box.warn})
    assert.deepEqual([settings.get(TIMEOUT), settings.source(TIMEOUT), settings.setting(TIMEOUT)?.key], [11, 'env', 'PREFECT_API_DATABASE_TIMEOUT'])
    settings = await resolveSettings({env: {PREFECT_HOME: box.home, PREFECT_API_DATABASE_TIMEOUT: '11', [TIMEOUT]: '12'}, cwd: box.cwd, warn: box.warn})
    assert.equal(settings.get(TIMEOUT), 12)
    assert.deepEqual(box.warnings, [])
    settings = await resolveSettings({
      env: {PREFECT_HOME: box.home, PREFECT_ORION_DATABASE_CONNECTION_URL: 'sqlite+aiosqlite:////tmp/orion.db'},
      cwd: box.cwd,
      warn: box.warn,
    })
    assert.equal(settings.get('PREFECT_SERVER_DATABASE_CONNECTION_URL'), 'sqlite+aiosqlite:////tmp/orion.db')
    assert.equal(box.warnings.length, 1)
    assert.match(box.warnings[0], /PREFECT_ORION_DATABASE_CONNECTION_URL is deprecated.*PREFECT_SERVER_DATABASE_CONNECTION_URL/)
    settings = await resolveSettings({env: {PREFECT_HOME: box.home, PREFECT_SERVER_ALLOW_EPHEMERAL_MODE: 'false'}, cwd: box.cwd})
    assert.equal(settings.get('PREFECT_SERVER_EPHEMERAL_ENABLED'), false)
  })

  it('expands ~ and $PREFECT_HOME in paths', async () => {
    const box = sandbox()
    const settings = await resolveSettings({
      env: {PREFECT_HOME: box.home, PREFECT_SERVER_DATABASE_SQLALCHEMY_CONNECT_ARGS_TLS_CA_FILE: '$PREFECT_HOME/ca.pem'},
      cwd: box.cwd,
    })
    assert.equal(settings.get('PREFECT_SERVER_DATABASE_SQLALCHEMY_CONNECT_ARGS_TLS_CA_FILE'), path.join(box.home, 'ca.pem'))
    assert.equal(settings.profilesPath, path.join(box.home, 'profiles.toml'))
    assert.equal(settings.get('PREFECT_PROFILES_PATH'), path.join(box.home, 'profiles.toml'))
  })

  it('finds profiles.toml through PREFECT_PROFILES_PATH in .env and prefect.toml', async () => {
    const box = sandbox()
    const elsewhere = path.join(box.cwd, 'elsewhere.toml')
    writeFile(elsewhere, 'active = "mine"\n\n[profiles.mine]\nPREFECT_API_URL = "http://mine/api"\n')
    writeFile(path.join(box.cwd, 'prefect.toml'), `profiles_path = "${elsewhere}"\n`)
    let settings = await resolveSettings({env: {PREFECT_HOME: box.home}, cwd: box.cwd})
    assert.deepEqual([settings.profileName, settings.profilesPath, settings.get('PREFECT_API_URL')], ['mine', elsewhere, 'http://mine/api'])
    writeFile(path.join(box.cwd, '.env'), 'PREFECT_PROFILES_PATH=/nonexistent/profiles.toml\n')
    settings = await resolveSettings({env: {PREFECT_HOME: box.home}, cwd: box.cwd})
    assert.equal(settings.profilesPath, '/nonexistent/profiles.toml')
  })

  it('fails with a ConfigError naming an invalid prefect.toml', async () => {
    const box = sandbox()
    const file = path.join(box.cwd, 'prefect.toml')
    writeFile(file, '[server.database\ntimeout = 3\n')
    await assert.rejects(resolveSettings({env: {PREFECT_HOME: box.home}, cwd: box.cwd}), (error: unknown) => {
      assert.ok(error instanceof ConfigError)
      assert.ok(error.message.startsWith(`Failed to load Prefect settings from ${file}: invalid TOML (`), error.message)
      return true
    })
  })
})

describe('resolveSettings: profile choice', () => {
  const file = 'active = "local"\n\n[profiles.local]\nPREFECT_API_URL = "http://from-profile/api"\n\n[profiles.dev]\nPREFECT_API_URL = "http://dev/api"\n'

  it('takes --profile, then PREFECT_PROFILE, then active', async () => {
    const box = sandbox()
    writeFile(box.profiles, file)
    const env = {PREFECT_HOME: box.home}
    assert.equal((await resolveSettings({env, cwd: box.cwd})).profileName, 'local')
    assert.equal((await resolveSettings({env: {...env, PREFECT_PROFILE: 'dev'}, cwd: box.cwd})).profileName, 'dev')
    assert.equal((await resolveSettings({env: {...env, PREFECT_PROFILE: 'dev'}, cwd: box.cwd, profile: 'test'})).profileName, 'test')
  })

  it('lets an explicit --profile beat environment variables, but not a PREFECT_PROFILE choice', async () => {
    const box = sandbox()
    writeFile(box.profiles, file)
    const env = {PREFECT_HOME: box.home, PREFECT_API_URL: 'http://from-env/api'}
    const implicit = await resolveSettings({env, cwd: box.cwd})
    assert.deepEqual([implicit.get('PREFECT_API_URL'), implicit.source('PREFECT_API_URL')], ['http://from-env/api', 'env'])
    const explicit = await resolveSettings({env, cwd: box.cwd, profile: 'local'})
    assert.deepEqual([explicit.get('PREFECT_API_URL'), explicit.source('PREFECT_API_URL')], ['http://from-profile/api', 'profile'])
  })

  it('warns about an unknown active profile and falls back to ephemeral', async () => {
    const box = sandbox()
    writeFile(box.profiles, 'active = "gone"\n')
    let settings = await resolveSettings({env: {PREFECT_HOME: box.home}, cwd: box.cwd, warn: box.warn})
    assert.equal(settings.profileName, 'ephemeral')
    settings = await resolveSettings({env: {PREFECT_HOME: box.home, PREFECT_PROFILE: 'nope'}, cwd: box.cwd, warn: box.warn})
    assert.equal(settings.get('PREFECT_SERVER_EPHEMERAL_ENABLED'), true)
    assert.deepEqual(box.warnings, [
      "WARNING: Active profile 'gone' in the profiles file not found. The default profile will be used instead.",
      "WARNING: Active profile 'nope' set by environment variable not found. The default profile will be used instead.",
    ])
  })

  it('rejects an unknown --profile', async () => {
    const box = sandbox()
    await assert.rejects(resolveSettings({env: {PREFECT_HOME: box.home}, cwd: box.cwd, profile: 'nope'}), (error: unknown) => {
      assert.ok(error instanceof ConfigError)
      assert.equal(error.message, "Unknown profile 'nope'.")
      return true
    })
  })

  it('reads a broken profiles file with one warning and the built-in profiles', async () => {
    const box = sandbox()
    writeFile(box.profiles, '[profiles.x\n')
    const settings = await resolveSettings({env: {PREFECT_HOME: box.home}, cwd: box.cwd, warn: box.warn})
    assert.equal(settings.profileName, 'ephemeral')
    assert.deepEqual(box.warnings, [`Failed to load profiles from ${box.profiles}. Please ensure the file is valid TOML.`])
  })
})

describe('resolveSettings: validation', () => {
  const cases: Array<[Record<string, string>, string]> = [
    [{[TIMEOUT]: 'abc'}, "Invalid value 'abc' for PREFECT_SERVER_DATABASE_TIMEOUT (from env): expected a number greater than 0."],
    [{PREFECT_SERVER_API_PORT: '4.5'}, "Invalid value '4.5' for PREFECT_SERVER_API_PORT (from env): expected an integer from 1 to 65535."],
    [{PREFECT_SERVER_DATABASE_ECHO: 'maybe'}, "Invalid value 'maybe' for PREFECT_SERVER_DATABASE_ECHO (from env): expected true or false."],
    [{PREFECT_SERVER_DATABASE_DRIVER: 'mysql'}, "Invalid value 'mysql' for PREFECT_SERVER_DATABASE_DRIVER (from env): expected one of 'postgresql+asyncpg', 'sqlite+aiosqlite'."],
    [{PREFECT_API_URL: 'localhost:4200'}, "Invalid value 'localhost:4200' for PREFECT_API_URL (from env): expected an http:// or https:// URL."],
    [{PREFECT_SERVER_SERVICES_DB_VACUUM_ENABLED: 'logs'}, "Invalid value 'logs' for PREFECT_SERVER_SERVICES_DB_VACUUM_ENABLED (from env): expected a list of: events, flow_runs."],
    [{PREFECT_SERVER_SERVICES_DB_VACUUM_RETENTION_PERIOD: 'PT10M'}, "Invalid value 'PT10M' for PREFECT_SERVER_SERVICES_DB_VACUUM_RETENTION_PERIOD (from env): expected a duration in seconds or ISO 8601 (e.g. P90D) of at least 3600 seconds."],
  ]
  for (const [env, message] of cases) {
    it(`rejects ${Object.keys(env)[0]}=${Object.values(env)[0]}`, async () => {
      const box = sandbox()
      await assert.rejects(resolveSettings({env: {PREFECT_HOME: box.home, ...env}, cwd: box.cwd}), (error: unknown) => {
        assert.ok(error instanceof ConfigError)
        assert.equal(error.message, message)
        return true
      })
    })
  }

  it('names the file source of a bad value', async () => {
    const box = sandbox()
    writeFile(path.join(box.cwd, 'prefect.toml'), '[server.database]\ntimeout = "soon"\n')
    await assert.rejects(resolveSettings({env: {PREFECT_HOME: box.home}, cwd: box.cwd}), /'soon' for PREFECT_SERVER_DATABASE_TIMEOUT \(from prefect\.toml\)/)
  })

  it('parses the typed values', async () => {
    const box = sandbox()
    const settings = await resolveSettings({
      env: {
        PREFECT_HOME: box.home,
        PREFECT_CLI_PROMPT: 'false',
        PREFECT_SERVER_SERVICES_DB_VACUUM_ENABLED: 'true',
        PREFECT_SERVER_SERVICES_DB_VACUUM_RETENTION_PERIOD: 'P30D',
        PREFECT_SERVER_SERVICES_DB_VACUUM_EVENT_RETENTION_OVERRIDES: '{"a": 3600}',
      },
      cwd: box.cwd,
    })
    assert.equal(settings.get('PREFECT_CLI_PROMPT'), false)
    assert.deepEqual(settings.get('PREFECT_SERVER_SERVICES_DB_VACUUM_ENABLED'), ['events', 'flow_runs'])
    assert.equal(settings.get('PREFECT_SERVER_SERVICES_DB_VACUUM_RETENTION_PERIOD'), 30 * 86_400)
    assert.deepEqual(settings.get('PREFECT_SERVER_SERVICES_DB_VACUUM_EVENT_RETENTION_OVERRIDES'), {a: 3600})
    const defaults = await resolveSettings({env: {PREFECT_HOME: box.home}, cwd: box.cwd})
    assert.equal(defaults.get('PREFECT_CLI_PROMPT'), null)
    assert.equal(defaults.home, box.home)
  })
})
