import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'

import {runCli} from '../harness/cli.js'
import {adminUrl, freshPostgresDatabase} from '../harness/databases.js'
import {freePort} from '../harness/pg-server.js'
import {TEST_PASSWORD} from '../harness/secrets.js'
import {chainIds} from '../support/chains.js'
import {tempHome} from '../harness/tmp.js'

/**
 * The test password goes into URLs, the password setting, a profile and prefect.toml; then a
 * battery of commands, succeeding and failing, in text and --json, must never print it.
 */
describe('secrets never leak', function () {
  it('in any output of any command, text or JSON, success or error', async () => {
    const pg = await freshPostgresDatabase()
    const port = new URL(adminUrl()).port
    const closed = await freePort()
    const templated = `postgresql+asyncpg://prefect_test:\${PREFECT_SERVER_DATABASE_PASSWORD}@127.0.0.1:${port}/${pg.name}`
    const home = tempHome()
    fs.mkdirSync(home, {recursive: true})
    fs.writeFileSync(
      path.join(home, 'profiles.toml'),
      `active = "prod"\n\n[profiles.prod]\nPREFECT_SERVER_DATABASE_CONNECTION_URL = "${pg.asyncpgUrl}"\nPREFECT_API_KEY = "${TEST_PASSWORD}"\n`,
    )
    const base = {PREFECT_HOME: home, PREFECT_SERVER_DATABASE_PASSWORD: TEST_PASSWORD}
    const viaEnv = {...base, PREFECT_SERVER_DATABASE_CONNECTION_URL: pg.asyncpgUrl}
    const viaTemplate = {...base, PREFECT_SERVER_DATABASE_CONNECTION_URL: templated}
    const first = chainIds('postgresql')[0]
    const runs: [string[], Record<string, string>][] = [
      [['config', 'view'], base],
      [['config', 'view', '--show-sources', '--show-defaults'], viaEnv],
      [['config', 'view', '-o', 'json'], viaEnv],
      [['config', 'validate'], base],
      [['profile', 'inspect', 'prod'], base],
      [['profile', 'inspect', 'prod', '-o', 'json'], base],
      [['profile', 'ls'], base],
      [['profile', 'use', 'prod'], base],
      [['server', 'database', 'upgrade', '-y', '-r', first], base],
      [['server', 'database', 'upgrade', '-y', '--json'], viaTemplate],
      [['server', 'database', 'current'], viaEnv],
      [['server', 'database', 'current', '--json'], viaEnv],
      [['server', 'database', 'history', '--verbose'], viaEnv],
      [['server', 'database', 'downgrade', '-y', '-r', '-1'], viaEnv],
      [['server', 'database', 'downgrade', '-y', '-r', '-1', '--json'], viaEnv],
      [['server', 'database', 'upgrade', '-y', '--dry-run'], viaEnv],
      [['server', 'database', 'stamp', 'head'], viaEnv],
      [['server', 'database', 'reset', '-y'], viaEnv],
      [['server', 'database', 'upgrade'], viaEnv],
      [['server', 'database', 'upgrade', '-y', '-r', 'nope'], viaEnv],
      [['server', 'database', 'upgrade', '-y', '--json', '-r', 'nope'], viaEnv],
      [['server', 'database', 'upgrade', '-y'], {...base, PREFECT_SERVER_DATABASE_CONNECTION_URL: `postgresql+asyncpg://prefect_test:${TEST_PASSWORD}@127.0.0.1:${closed}/x`}],
      [['server', 'database', 'upgrade', '-y', '--json'], {...base, PREFECT_SERVER_DATABASE_CONNECTION_URL: `postgresql+asyncpg://prefect_test:${TEST_PASSWORD}@127.0.0.1:${port}/missing_db`}],
      [['server', 'database', 'upgrade', '-y'], {...base, PREFECT_SERVER_DATABASE_CONNECTION_URL: `postgresql+asyncpg://prefect_test:${TEST_PASSWORD}x@127.0.0.1:${port}/postgres`}],
      [['server', 'database', 'upgrade', '-y'], {...base, PREFECT_SERVER_DATABASE_CONNECTION_URL: `mysql://root:${TEST_PASSWORD}@127.0.0.1/x`}],
      [['server', 'database', 'upgrade', '-y'], {...base, PREFECT_SERVER_DATABASE_CONNECTION_URL: `postgresql+asyncpg://u:${TEST_PASSWORD}@127.0.0.1:nope/x`}],
      [['config', 'set', `PREFECT_API_DATABASE_CONNECTION_URL=${pg.asyncpgUrl}`], base],
      [['config', 'set', `PREFECT_SERVER_DATABASE_PASSWORD=${TEST_PASSWORD}`], base],
      [['config', 'unset', 'PREFECT_SERVER_DATABASE_PASSWORD', '-y'], base],
    ]
    let leaks = 0
    for (const [args, env] of runs) {
      const result = await runCli(args, {env, allowSecret: true, timeoutMs: 60_000})
      const output = result.stdout + result.stderr
      if (output.includes(TEST_PASSWORD) || output.includes(encodeURIComponent(TEST_PASSWORD))) {
        leaks++
        console.log(`      leak in: prefect ${args.join(' ')}\n${output}`)
      }
    }

    console.log(`      ${runs.length} commands run with the password in URLs, settings and a profile; ${leaks} leaked it`)
    assert.equal(leaks, 0)
  })
})
