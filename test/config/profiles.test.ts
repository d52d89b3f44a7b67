import assert from 'node:assert/strict'
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

import {parse} from 'smol-toml'

import {loadProfiles, loadProfilesStrict, updateProfiles, userProfile} from '../../src/config/profiles.js'
import {parseProfilesText, serializeProfiles} from '../../src/config/profiles-file.js'
import {withFileLock} from '../../src/config/file-lock.js'
import {ConfigError} from '../../src/errors.js'
import {FIXTURES, sandbox, writeFile} from './helpers.js'

const fixture = (name: string): string => fs.readFileSync(path.join(FIXTURES, name), 'utf8')
const sha = (file: string): string => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex')

describe('profiles.toml', () => {
  it('reads a file written by Python Prefect unchanged and writes it back byte for byte', () => {
    const text = fixture('prefect-written.toml')
    const document = parseProfilesText(text)
    assert.equal(document.active, 'dev')
    assert.deepEqual([...document.profiles.keys()], ['ephemeral', 'dev', 'team prod', 'cloud'])
    assert.equal(document.profiles.get('dev')?.PREFECT_API_DATABASE_CONNECTION_URL, 'sqlite+aiosqlite:////srv/prefect/dev.db')
    assert.equal(serializeProfiles(document), text)
  })

  it('writes what Prefect reads: a table of string values per profile', () => {
    const document = parseProfilesText(fixture('hand-written.toml'))
    const written = parse(serializeProfiles(document)) as {active: string; profiles: Record<string, Record<string, unknown>>}
    assert.equal(written.active, 'local')
    assert.deepEqual({...written.profiles.local}, {
      PREFECT_API_URL: 'http://127.0.0.1:4200/api',
      PREFECT_SERVER_DATABASE_TIMEOUT: '30',
      PREFECT_SERVER_DATABASE_ECHO: 'true',
    })
  })

  it('escapes awkward values and names', () => {
    const document = parseProfilesText('')
    document.profiles.set('a.b "c"', {PREFECT_API_KEY: 'quote " back \\ new\nline'})
    assert.deepEqual(parseProfilesText(serializeProfiles(document)).profiles.get('a.b "c"'), {PREFECT_API_KEY: 'quote " back \\ new\nline'})
  })

  it('merges the built-in profiles under the file and writes a built-in only once modified', async () => {
    const box = sandbox()
    let state = loadProfiles(box.profiles, box.warn)
    assert.deepEqual([...state.merged.keys()], ['ephemeral', 'local', 'test', 'cloud'])
    assert.equal(state.active, 'ephemeral')
    await updateProfiles(box.profiles, (s) => {
      userProfile(s, 'local').PREFECT_SERVER_DATABASE_TIMEOUT = '30'
    })
    assert.equal(
      fs.readFileSync(box.profiles, 'utf8'),
      'active = "ephemeral"\n\n[profiles.local]\nPREFECT_API_URL = "http://127.0.0.1:4200/api"\nPREFECT_SERVER_DATABASE_TIMEOUT = "30"\n',
    )
    state = loadProfiles(box.profiles, box.warn)
    assert.equal(state.merged.get('test')?.PREFECT_SERVER_DATABASE_CONNECTION_URL, 'sqlite+aiosqlite:///:memory:')
  })

  it('creates a missing home 0700 and the file 0600, leaving no temporary file', async () => {
    const box = sandbox()
    await updateProfiles(box.profiles, (s) => {
      s.document.active = 'local'
    })
    assert.equal(fs.statSync(box.home).mode & 0o777, 0o700)
    assert.equal(fs.statSync(box.profiles).mode & 0o777, 0o600)
    assert.deepEqual(fs.readdirSync(box.home), ['profiles.toml'])
  })

  it('keeps the file at 0600 when replacing a more open one', async () => {
    const box = sandbox()
    writeFile(box.profiles, 'active = "local"\n')
    fs.chmodSync(box.profiles, 0o644)
    await updateProfiles(box.profiles, (s) => {
      s.document.active = 'test'
    })
    assert.equal(fs.statSync(box.profiles).mode & 0o777, 0o600)
  })

  for (const name of ['broken-invalid.toml', 'broken-wrong-type.toml']) {
    it(`never overwrites a broken file (${name})`, async () => {
      const box = sandbox()
      writeFile(box.profiles, fixture(name))
      const before = sha(box.profiles)
      await assert.rejects(
        updateProfiles(box.profiles, (s) => {
          s.document.active = 'x'
        }),
        (error: unknown) => error instanceof ConfigError && error.message.startsWith(`The profiles file ${box.profiles} is broken: `),
      )
      assert.throws(() => loadProfilesStrict(box.profiles), ConfigError)
      assert.equal(sha(box.profiles), before)
      const state = loadProfiles(box.profiles, box.warn)
      assert.equal(state.active, 'ephemeral')
      assert.deepEqual(box.warnings, [`Failed to load profiles from ${box.profiles}. Please ensure the file is valid TOML.`])
    })
  }

  it('serialises concurrent holders, even when they all start by breaking the same stale lock', async () => {
    const box = sandbox()
    fs.mkdirSync(box.home, {recursive: true})
    const lock = `${box.profiles}.lock`
    const counter = path.join(box.home, 'counter')
    fs.writeFileSync(counter, '0')
    fs.writeFileSync(lock, `999999999 ${(await import('node:os')).hostname()} 0\n`)
    let inside = 0
    let most = 0
    await Promise.all(
      Array.from({length: 12}, () =>
        withFileLock(lock, async () => {
          inside++
          most = Math.max(most, inside)
          const value = Number(fs.readFileSync(counter, 'utf8'))
          await new Promise((resolve) => setTimeout(resolve, 3))
          fs.writeFileSync(counter, String(value + 1))
          inside--
        }),
      ),
    )
    assert.equal(fs.readFileSync(counter, 'utf8'), '12')
    assert.equal(most, 1)
    assert.deepEqual(fs.readdirSync(box.home).sort(), ['counter'])
  })

  it('takes over a lock left by a dead process, and times out on a live one', async () => {
    const box = sandbox()
    fs.mkdirSync(box.home, {recursive: true})
    const lock = `${box.profiles}.lock`
    fs.writeFileSync(lock, `999999999 ${(await import('node:os')).hostname()} 0\n`)
    assert.equal(await withFileLock(lock, () => 'ran'), 'ran')
    assert.equal(fs.existsSync(lock), false)
    fs.writeFileSync(lock, `${process.pid} ${(await import('node:os')).hostname()} 0\n`)
    await assert.rejects(withFileLock(lock, () => 'ran', {timeoutMs: 200}), /Timed out waiting for the lock/)
    fs.utimesSync(lock, new Date(Date.now() - 60_000), new Date(Date.now() - 60_000))
    assert.equal(await withFileLock(lock, () => 'stale', {timeoutMs: 200, staleMs: 30_000}), 'stale')
  })
})
