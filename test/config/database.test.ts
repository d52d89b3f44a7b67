import assert from 'node:assert/strict'

import {databaseTarget, resolveSettings} from '../../src/config/index.js'
import {ConfigError} from '../../src/errors.js'
import {maskSecrets} from '../../src/mask.js'
import {TEST_PASSWORD} from '../harness/secrets.js'
import {sandbox} from './helpers.js'

async function target(env: Record<string, string>, warn?: (m: string) => void) {
  const box = sandbox()
  const settings = await resolveSettings({env: {PREFECT_HOME: box.home, ...env}, cwd: box.cwd, warn})
  return {box, target: databaseTarget(settings, warn)}
}

describe('databaseTarget', () => {
  it('defaults to SQLite in PREFECT_HOME with four slashes', async () => {
    const {box, target: t} = await target({})
    assert.equal(t.url, `sqlite+aiosqlite:///${box.home}/prefect.db`)
    assert.ok(t.url.startsWith('sqlite+aiosqlite:////'))
    assert.equal(t.dialect === 'sqlite' && t.filename, `${box.home}/prefect.db`)
  })

  it('expands ${PREFECT_HOME} and $PREFECT_HOME in the URL', async () => {
    for (const form of ['${PREFECT_HOME}', '$PREFECT_HOME']) {
      const {box, target: t} = await target({PREFECT_SERVER_DATABASE_CONNECTION_URL: `sqlite+aiosqlite:///${form}/other.db`})
      assert.equal(t.dialect === 'sqlite' && t.filename, `${box.home}/other.db`)
    }
  })

  it('builds a PostgreSQL URL from its parts, escaping the password', async () => {
    const password = `${TEST_PASSWORD}@/:`
    const {target: t} = await target({
      PREFECT_SERVER_DATABASE_DRIVER: 'postgresql+asyncpg',
      PREFECT_SERVER_DATABASE_HOST: 'db.example',
      PREFECT_SERVER_DATABASE_USER: 'prefect',
      PREFECT_SERVER_DATABASE_NAME: 'orchestration',
      PREFECT_API_DATABASE_PASSWORD: password,
    })
    assert.equal(t.url, `postgresql+asyncpg://prefect:${encodeURIComponent(password)}@db.example:5432/orchestration`)
    assert.ok(t.dialect === 'postgresql' && t.password === password && t.port === 5432)
    assert.equal(t.displayUrl, 'postgresql+asyncpg://prefect:***@db.example:5432/orchestration')
    assert.ok(!maskSecrets(`failed: ${password}`).includes(TEST_PASSWORD))
  })

  it('builds a SQLite URL from DRIVER and NAME', async () => {
    const {target: t} = await target({PREFECT_SERVER_DATABASE_DRIVER: 'sqlite+aiosqlite', PREFECT_SERVER_DATABASE_NAME: '/srv/p.db'})
    assert.equal(t.url, 'sqlite+aiosqlite:////srv/p.db')
  })

  it('names the missing parts', async () => {
    await assert.rejects(target({PREFECT_SERVER_DATABASE_DRIVER: 'postgresql+asyncpg', PREFECT_SERVER_DATABASE_NAME: 'x'}), (error: unknown) => {
      assert.ok(error instanceof ConfigError)
      assert.equal(error.message, 'Missing required database connection settings: host, user')
      return true
    })
  })

  it('fills the password placeholders and requires the password', async () => {
    for (const name of ['PREFECT_SERVER_DATABASE_PASSWORD', 'PREFECT_API_DATABASE_PASSWORD']) {
      const url = `postgresql+asyncpg://prefect:\${${name}}@db:5432/prefect`
      const {target: t} = await target({PREFECT_SERVER_DATABASE_CONNECTION_URL: url, PREFECT_SERVER_DATABASE_PASSWORD: TEST_PASSWORD})
      assert.ok(t.dialect === 'postgresql' && t.password === TEST_PASSWORD)
      await assert.rejects(target({PREFECT_SERVER_DATABASE_CONNECTION_URL: url}), /database password is None - please set PREFECT_SERVER_DATABASE_PASSWORD/)
    }
  })

  it('warns when a password is set but unused, for PostgreSQL URLs only', async () => {
    const warnings: string[] = []
    await target({PREFECT_SERVER_DATABASE_CONNECTION_URL: 'postgresql+asyncpg://u@db/p', PREFECT_SERVER_DATABASE_PASSWORD: TEST_PASSWORD}, (m) => warnings.push(m))
    assert.deepEqual(warnings, [
      'PREFECT_SERVER_DATABASE_PASSWORD is set but not included in the PREFECT_SERVER_DATABASE_CONNECTION_URL. The provided password will be ignored.',
    ])
    await target({PREFECT_SERVER_DATABASE_CONNECTION_URL: 'sqlite+aiosqlite:////tmp/x.db', PREFECT_SERVER_DATABASE_PASSWORD: TEST_PASSWORD}, (m) => warnings.push(m))
    await target({PREFECT_SERVER_DATABASE_CONNECTION_URL: `postgresql://u:${TEST_PASSWORD}@db/p`, PREFECT_SERVER_DATABASE_PASSWORD: TEST_PASSWORD}, (m) => warnings.push(m))
    assert.equal(warnings.length, 1)
  })

  it('fills the connection options from the settings', async () => {
    const {target: t} = await target({
      PREFECT_SERVER_DATABASE_CONNECTION_URL: 'postgresql+asyncpg://u@db/p',
      PREFECT_SERVER_DATABASE_TIMEOUT: '60',
      PREFECT_SERVER_DATABASE_MIGRATION_TIMEOUT: '600',
      PREFECT_SERVER_DATABASE_SQLALCHEMY_CONNECT_ARGS_APPLICATION_NAME: 'dbadmin',
      PREFECT_SERVER_DATABASE_SQLALCHEMY_CONNECT_ARGS_SEARCH_PATH: 'prefect,public',
      PREFECT_SERVER_DATABASE_SQLALCHEMY_CONNECT_ARGS_TLS_ENABLED: 'true',
      PREFECT_SERVER_DATABASE_SQLALCHEMY_CONNECT_ARGS_TLS_CHECK_HOSTNAME: 'false',
    })
    assert.equal(t.options.timeoutSeconds, 60)
    assert.equal(t.options.connectionTimeoutSeconds, 5)
    assert.equal(t.options.migrationTimeoutSeconds, 600)
    assert.equal(t.options.applicationName, 'dbadmin')
    assert.equal(t.options.searchPath, 'prefect,public')
    assert.deepEqual(t.options.tls, {enabled: true, caFile: null, certFile: null, keyFile: null, checkHostname: false})
  })

  it('registers the URL password so masking catches it anywhere', async () => {
    const secret = `Url-only-${Date.now()}-pw`
    await target({PREFECT_SERVER_DATABASE_CONNECTION_URL: `postgresql+asyncpg://u:${secret}@db/p`})
    assert.equal(maskSecrets(`driver said: bad password ${secret}`), 'driver said: bad password ***')
  })
})
