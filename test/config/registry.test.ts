import assert from 'node:assert/strict'

import {findSetting, SETTINGS, validSettingNames} from '../../src/config/registry.js'
import {knownSetting} from '../../src/config/setting-names.js'
import {UsageError} from '../../src/errors.js'

describe('settings registry', () => {
  it('derives canonical names from TOML accessor paths', () => {
    const pairs: Array<[string, string]> = [
      ['PREFECT_SERVER_DATABASE_CONNECTION_URL', 'server.database.connection_url'],
      ['PREFECT_API_URL', 'api.url'],
      ['PREFECT_HOME', 'home'],
      ['PREFECT_PROFILES_PATH', 'profiles_path'],
      ['PREFECT_SERVER_DATABASE_SQLALCHEMY_CONNECT_ARGS_TLS_CA_FILE', 'server.database.sqlalchemy.connect_args.tls.ca_file'],
      ['PREFECT_SERVER_SERVICES_DB_VACUUM_RETENTION_PERIOD', 'server.services.db_vacuum.retention_period'],
    ]
    for (const [name, tomlPath] of pairs) assert.equal(findSetting(name)?.definition.tomlPath, tomlPath)
  })

  it('knows every setting the brief lists, with unique names', () => {
    const names = SETTINGS.map((setting) => setting.name)
    assert.equal(new Set(names).size, names.length)
    for (const name of [
      'PREFECT_UI_URL', 'PREFECT_API_KEY', 'PREFECT_API_TLS_INSECURE_SKIP_VERIFY', 'PREFECT_CLI_PROMPT', 'PREFECT_CLI_COLORS',
      'PREFECT_CLI_WRAP_LINES', 'PREFECT_SERVER_API_HOST', 'PREFECT_SERVER_API_PORT', 'PREFECT_SERVER_EPHEMERAL_ENABLED',
      'PREFECT_SERVER_DATABASE_MIGRATION_TIMEOUT', 'PREFECT_SERVER_DATABASE_SQLALCHEMY_POOL_RECYCLE',
      'PREFECT_SERVER_DATABASE_SQLALCHEMY_CONNECT_ARGS_TLS_CHECK_HOSTNAME', 'PREFECT_SERVER_SERVICES_DB_VACUUM_ENABLED',
      'PREFECT_SERVER_SERVICES_DB_VACUUM_EVENT_RETENTION_OVERRIDES', 'PREFECT_API_AUTH_STRING', 'PREFECT_SERVER_API_AUTH_STRING',
    ]) assert.ok(names.includes(name), name)
  })

  it('maps legacy aliases to canonical settings and marks Prefect 2 names deprecated', () => {
    assert.equal(findSetting('PREFECT_API_DATABASE_CONNECTION_URL')?.definition.name, 'PREFECT_SERVER_DATABASE_CONNECTION_URL')
    assert.equal(findSetting('PREFECT_API_DATABASE_CONNECTION_URL')?.alias?.deprecated, undefined)
    assert.equal(findSetting('PREFECT_ORION_DATABASE_CONNECTION_URL')?.alias?.deprecated, true)
    assert.equal(findSetting('PREFECT_SERVER_ALLOW_EPHEMERAL_MODE')?.definition.name, 'PREFECT_SERVER_EPHEMERAL_ENABLED')
    assert.equal(findSetting('PREFECT_SQLALCHEMY_POOL_SIZE')?.definition.name, 'PREFECT_SERVER_DATABASE_SQLALCHEMY_POOL_SIZE')
    assert.ok(validSettingNames().includes('PREFECT_API_DATABASE_PASSWORD'))
  })

  it('marks the Prefect secret settings secret', () => {
    const secrets = SETTINGS.filter((setting) => setting.secret).map((setting) => setting.name).sort()
    assert.deepEqual(secrets, [
      'PREFECT_API_AUTH_STRING', 'PREFECT_API_KEY', 'PREFECT_SERVER_API_AUTH_STRING',
      'PREFECT_SERVER_DATABASE_CONNECTION_URL', 'PREFECT_SERVER_DATABASE_PASSWORD',
    ])
  })

  it('suggests the current name for a near miss', () => {
    assert.throws(() => knownSetting('PREFECT_SERVER_DATABASE_TIMEOUTT'), (error: unknown) => {
      assert.ok(error instanceof UsageError)
      assert.equal(error.line, "Unknown setting name 'PREFECT_SERVER_DATABASE_TIMEOUTT'. Did you mean 'PREFECT_SERVER_DATABASE_TIMEOUT'?")
      return true
    })
    assert.throws(() => knownSetting('PREFECT_DATABSE_TIMEOUT'), (error: unknown) =>
      (error as UsageError).line.endsWith("Did you mean 'PREFECT_SERVER_DATABASE_TIMEOUT'?"))
    assert.throws(() => knownSetting('SOMETHING_ELSE_ENTIRELY'), (error: unknown) => (error as UsageError).line === "Unknown setting name 'SOMETHING_ELSE_ENTIRELY'.")
  })
})
