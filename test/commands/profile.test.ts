import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'

import {parse} from 'smol-toml'

import {runCli} from '../harness/cli.js'
import {TEST_PASSWORD} from '../harness/secrets.js'
import {tempHome} from '../harness/tmp.js'

function setup(content?: string): {home: string; file: string; env: Record<string, string>} {
  const home = tempHome()
  const file = path.join(home, 'profiles.toml')
  if (content !== undefined) {
    fs.mkdirSync(home, {recursive: true})
    fs.writeFileSync(file, content)
  }

  return {home, file, env: {PREFECT_HOME: home}}
}

const stored = (file: string) => parse(fs.readFileSync(file, 'utf8')) as {active?: string; profiles: Record<string, Record<string, string>>}
const FILE = `active = "dev"\n\n[profiles.dev]\nPREFECT_SERVER_DATABASE_CONNECTION_URL = "postgresql+asyncpg://prefect:${TEST_PASSWORD}@db:5432/prefect"\n\n[profiles.stage]\n`

describe('prefect profile', () => {
  it('lists the profiles of the file, marking the active one', async () => {
    const h = setup(FILE)
    const text = await runCli(['profile', 'ls'], {env: h.env})
    assert.equal(text.code, 0, text.stderr)
    assert.equal(text.stdout, 'Available Profiles:\n  * dev\n  stage\n\n* active profile\n')
    const json = await runCli(['profiles', 'ls', '-o', 'json'], {env: h.env})
    assert.deepEqual(JSON.parse(json.stdout), [{name: 'dev', active: true}, {name: 'stage', active: false}])
  })

  it('creates a profile, optionally from another', async () => {
    const h = setup(FILE)
    const result = await runCli(['profile', 'create', 'copy', '--from', 'dev'], {env: h.env})
    assert.equal(result.code, 0, result.stderr)
    assert.ok(result.stdout.startsWith("Created profile with properties:\n    name - 'copy'\n    from name - dev\n"), result.stdout)
    assert.ok(result.stdout.includes("    prefect profile use 'copy'\n"))
    assert.deepEqual({...stored(h.file).profiles.copy}, {...stored(h.file).profiles.dev})
    const exists = await runCli(['profile', 'create', 'local'], {env: h.env})
    assert.equal(exists.code, 3)
    assert.match(exists.stderr, /^Profile 'local' already exists\./)
    const missing = await runCli(['profile', 'create', 'x', '--from', 'nope'], {env: h.env})
    assert.equal(missing.stderr, "Profile 'nope' not found.\n")
    const fresh = setup()
    const first = await runCli(['profile', 'create', 'mine'], {env: fresh.env})
    assert.equal(first.code, 0, first.stderr)
    assert.ok(first.stdout.startsWith("Created profile with properties:\n    name - 'mine'\n    from name - None\n"), first.stdout)
    assert.equal(fs.readFileSync(fresh.file, 'utf8'), 'active = "ephemeral"\n\n[profiles.mine]\n')
  })

  it('switches the active profile and shows its database, masked, without connecting', async () => {
    const h = setup(FILE)
    const result = await runCli(['profile', 'use', 'stage'], {env: h.env})
    assert.equal(result.code, 0, result.stderr)
    assert.equal(result.stdout, `Switched to profile 'stage'.\nDatabase: sqlite+aiosqlite:///${h.home}/prefect.db\n`)
    assert.equal(stored(h.file).active, 'stage')
    const back = await runCli(['profile', 'use', 'dev'], {env: h.env})
    assert.equal(back.stdout, "Switched to profile 'dev'.\nDatabase: postgresql+asyncpg://prefect:***@db:5432/prefect\n")
    const unknown = await runCli(['profile', 'use', 'nope'], {env: h.env})
    assert.equal(unknown.code, 3)
    assert.match(unknown.stderr, /^Profile 'nope' not found\./)
    assert.equal(stored(h.file).active, 'dev')
  })

  it('deletes a profile but not the active one', async () => {
    const h = setup(FILE)
    const active = await runCli(['profile', 'delete', 'dev'], {env: h.env})
    assert.equal(active.code, 3)
    assert.equal(active.stderr, "Profile 'dev' is the active profile. You must switch profiles before it can be deleted.\n")
    const result = await runCli(['profile', 'delete', 'stage'], {env: h.env})
    assert.equal(result.code, 0, result.stderr)
    assert.equal(result.stdout, "Removed profile 'stage'.\n")
    assert.deepEqual(Object.keys(stored(h.file).profiles), ['dev'])
    const missing = await runCli(['profile', 'delete', 'stage'], {env: h.env})
    assert.match(missing.stderr, /^Profile 'stage' not found\./)
  })

  it('renames a profile, moving active along and reminding about PREFECT_PROFILE', async () => {
    const h = setup(FILE)
    const result = await runCli(['profile', 'rename', 'dev', 'prod'], {env: {...h.env, PREFECT_PROFILE: 'dev'}})
    assert.equal(result.code, 0, result.stderr)
    assert.equal(result.stdout, "Renamed profile 'dev' to 'prod'.\n")
    assert.match(result.stderr, /PREFECT_PROFILE environment variable\. You must update this variable to 'prod'/)
    const after = stored(h.file)
    assert.equal(after.active, 'prod')
    assert.deepEqual(Object.keys(after.profiles), ['stage', 'prod'])
    const clash = await runCli(['profile', 'rename', 'prod', 'stage'], {env: h.env})
    assert.equal(clash.stderr, "Profile 'stage' already exists.\n")
  })

  it('inspects a profile with secrets masked', async () => {
    const h = setup(FILE)
    const result = await runCli(['profile', 'inspect'], {env: h.env})
    assert.equal(result.code, 0, result.stderr)
    assert.equal(result.stderr, "No name provided, defaulting to 'dev'\n")
    assert.equal(result.stdout, "PREFECT_SERVER_DATABASE_CONNECTION_URL='********'\n")
    const empty = await runCli(['profile', 'inspect', 'stage'], {env: h.env})
    assert.equal(empty.stdout, "Profile 'stage' is empty.\n")
    const json = await runCli(['profile', 'inspect', 'stage', '-o', 'json'], {env: h.env})
    assert.deepEqual(JSON.parse(json.stdout), {})
    const builtin = await runCli(['profile', 'inspect', 'local', '-o', 'json'], {env: h.env})
    assert.deepEqual(JSON.parse(builtin.stdout), {PREFECT_API_URL: 'http://127.0.0.1:4200/api'})
  })

  it('populates the built-in profiles and keeps the user ones', async () => {
    const h = setup(FILE)
    const result = await runCli(['profile', 'populate-defaults'], {env: h.env})
    assert.equal(result.code, 0, result.stderr)
    assert.ok(result.stdout.startsWith("Proposed Changes:\n  • Add 'ephemeral'\n  • Add 'local'\n  • Add 'test'\n  • Add 'cloud'\n"))
    assert.ok(result.stdout.includes(`Profiles updated in ${h.file}\n`))
    const after = stored(h.file)
    assert.deepEqual(Object.keys(after.profiles), ['dev', 'stage', 'ephemeral', 'local', 'test', 'cloud'])
    assert.equal(after.profiles.test.PREFECT_SERVER_DATABASE_CONNECTION_URL, 'sqlite+aiosqlite:///:memory:')
    assert.equal(after.active, 'dev')
    const again = await runCli(['profile', 'populate-defaults'], {env: h.env})
    assert.equal(again.stdout, 'No changes needed. All profiles are up to date.\n')
  })
})
