import assert from 'node:assert/strict'

import {databaseUrlPassword, databaseUrlProblem, displayDatabaseUrl} from '../../src/config/database-url.js'
import {displayValue, isoDuration} from '../../src/config/display.js'
import {settingByName, SETTINGS} from '../../src/config/registry.js'
import {closestKey} from '../../src/config/suggest.js'
import {unknownTomlKeys} from '../../src/config/toml-files.js'
import {parseSettingValue} from '../../src/config/values.js'

const KNOWN = SETTINGS.map((definition) => definition.tomlPath)

describe('misspelt keys in settings files', () => {
  it('finds near misses of known tables and keys, once per misspelt table', () => {
    const data = {
      server: {databse: {connection_url: 'x', timeout: 3}, database: {connection_ur: 'x', timout: 3, timeout: 3}, ui: {enabled: true}, servces: {}},
      servr: {x: 1},
      logging: {level: 'DEBUG'},
      api: {url: 'http://x/api', request_timeout: 5},
    }
    assert.deepEqual(unknownTomlKeys({path: '/p/prefect.toml', label: 'prefect.toml', data}, KNOWN), [
      {key: 'server.databse', nearest: 'server.database'},
      {key: 'server.database.connection_ur', nearest: 'server.database.connection_url'},
      {key: 'server.database.timout', nearest: 'server.database.timeout'},
      {key: 'server.servces', nearest: 'server.services'},
      {key: 'servr', nearest: 'server'},
    ])
    assert.deepEqual(unknownTomlKeys({path: '/p/pyproject.toml', label: 'pyproject.toml', data: {cli: {colours: true}}}, KNOWN), [
      {key: 'tool.prefect.cli.colours', nearest: 'tool.prefect.cli.colors'},
    ])
  })

  it('takes a swap as one edit and leaves short unrelated keys alone', () => {
    assert.equal(closestKey('hsot', ['host', 'port']), 'host')
    assert.equal(closestKey('ui', ['api', 'database']), undefined)
    assert.equal(closestKey('host', ['host']), undefined)
  })
})

describe('values as config view prints them', () => {
  it('prints no Python reprs, and what it prints parses back to the same value', () => {
    for (const definition of SETTINGS) {
      const shown = displayValue(definition, definition.default)
      if (shown === null) continue
      assert.doesNotMatch(shown, /None|True|False|datetime|\{'/, definition.name)
      if (definition.type === 'path') continue
      const parsed = parseSettingValue(definition, shown, '/home')
      assert.ok(parsed.ok, `${definition.name}: ${shown}`)
      assert.deepEqual(parsed.value, definition.default, definition.name)
    }
  })

  it('writes durations in ISO 8601', () => {
    assert.equal(isoDuration(90 * 86_400), 'P90D')
    assert.equal(isoDuration(3600), 'PT1H')
    assert.equal(isoDuration(90_061.5), 'P1DT1H1M1.5S')
    assert.equal(isoDuration(0), 'PT0S')
  })

  it('gives the database port the default the README states', () => {
    assert.equal(settingByName('PREFECT_SERVER_DATABASE_PORT').default, 5432)
    assert.deepEqual(parseSettingValue(settingByName('PREFECT_SERVER_DATABASE_PORT'), 'None', '/home'), {ok: true, value: null})
  })
})

describe('database URLs as setting values', () => {
  it('masks only the password, with or without a scheme', () => {
    assert.equal(displayDatabaseUrl('postgresql+asyncpg://u:p%40ss@db/x'), 'postgresql+asyncpg://u:***@db/x')
    assert.equal(displayDatabaseUrl('postgresql+asyncpg://u@db/x'), 'postgresql+asyncpg://u@db/x')
    assert.equal(displayDatabaseUrl('sqlite+aiosqlite:////srv/a@b.db'), 'sqlite+aiosqlite:////srv/a@b.db')
    assert.equal(displayDatabaseUrl('u:pw@db/x'), 'u:***@db/x')
    assert.equal(databaseUrlPassword('postgresql://u:p%40ss@db/x'), 'p@ss')
    assert.equal(databaseUrlPassword('u:pw@db/x'), 'pw')
    assert.equal(databaseUrlPassword('sqlite:////srv/a@b.db'), null)
  })

  it('reports what the database commands would refuse, and expands PREFECT_HOME first', () => {
    assert.equal(databaseUrlProblem('sqlite+aiosqlite:///${PREFECT_HOME}/prefect.db', '/home/me/.prefect'), null)
    assert.equal(databaseUrlProblem('postgresql+asyncpg://u:${PREFECT_SERVER_DATABASE_PASSWORD}@db/x', '/h'), null)
    assert.match(databaseUrlProblem('mysql://u:secret@h/db', '/h') ?? '', /^Unsupported database dialect 'mysql' in 'mysql:\/\/u:\*\*\*@h\/db'\./)
    assert.match(databaseUrlProblem('postgresql://u@h:99999/db', '/h') ?? '', /not a port number/)
  })
})
