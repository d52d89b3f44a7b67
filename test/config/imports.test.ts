import assert from 'node:assert/strict'
import fs from 'node:fs'
import {isBuiltin} from 'node:module'
import path from 'node:path'

import {PROJECT_ROOT} from '../harness/cli.js'

const HEAVY = ['knex', 'pg', 'better-sqlite3']

interface Metafile {
  outputs: Record<string, {entryPoint?: string; imports: Array<{path: string; kind: string; external?: boolean}>; inputs: Record<string, unknown>}>
}

/**
 * What a built command loads before it runs: the bundles and chunks reached through static
 * imports (a dynamic import() is lazy and allowed), with the source files bundled into them and
 * the packages left outside (a require() inside bundled CommonJS counts, lazy or not). Read from
 * the metafile the build writes.
 */
function staticLoad(meta: Metafile, output: string, seen = new Set<string>(), found = {inputs: new Set<string>(), externals: new Set<string>()}) {
  if (seen.has(output)) return found
  seen.add(output)
  const entry = meta.outputs[output]
  assert.ok(entry, `${output} is not in the metafile`)
  for (const input of Object.keys(entry.inputs)) found.inputs.add(input)
  for (const imported of entry.imports) {
    if (imported.kind !== 'import-statement' && imported.kind !== 'require-call') continue
    if (imported.external) found.externals.add(imported.path)
    else staticLoad(meta, imported.path, seen, found)
  }

  return found
}

/** The heavy packages among what an output loads: bundled in (node_modules/<name>/…) or imported. */
function heavyLoaded(meta: Metafile, output: string): string[] {
  const {inputs, externals} = staticLoad(meta, output)
  const heavy = new Set<string>()
  for (const name of HEAVY) {
    if ([...inputs].some((input) => input.includes(`node_modules/${name}/`))) heavy.add(name)
    if ([...externals].some((specifier) => specifier === name || specifier.startsWith(`${name}/`))) heavy.add(name)
  }

  return [...heavy].sort()
}

describe('config and profile commands start light', () => {
  const meta = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'dist', 'bundle-meta.json'), 'utf8')) as Metafile
  const commands = Object.keys(meta.outputs).filter((output) => /^dist\/commands\/(config|profile)\/[^/]+\.js$/.test(output))

  it('sees knex where it is loaded up front (the check can fail): the dry run', () => {
    const dryRun = Object.keys(meta.outputs).find((output) => Object.keys(meta.outputs[output].inputs).includes('dist/migrator/dry-run.js'))
    assert.ok(dryRun && heavyLoaded(meta, dryRun).includes('knex'))
  })

  it('upgrade and its start-up lane load neither knex nor oclif until they need them (a baseline install never needs knex)', () => {
    assert.deepEqual(heavyLoaded(meta, 'dist/commands/server/database/upgrade.js'), [])
    for (const lane of ['dist/cli/fast-upgrade.js', 'dist/cli/upgrade-lane.js']) {
      assert.deepEqual(heavyLoaded(meta, lane), [])
      const {inputs} = staticLoad(meta, lane)
      assert.deepEqual([...inputs].filter((input) => input.includes('node_modules/@oclif/')), [])
    }
  })

  it("the upgrade lane's front, which answers a no-op upgrade, is one module that loads no driver and no engine up front", () => {
    const {inputs, externals} = staticLoad(meta, 'dist/cli/fast-upgrade.js')
    assert.deepEqual([...externals].filter((specifier) => !isBuiltin(specifier)), [])
    assert.deepEqual(meta.outputs['dist/cli/fast-upgrade.js'].imports.filter((imported) => !imported.external), [])
    assert.deepEqual([...inputs].filter((input) => /dist\/migrator\/(migrate|record|chain)\.js|dist\/migrations\/(sqlite|postgresql)\//.test(input)), [])
  })

  it('the settings lane (config view/set, profile ls/use) is one module that loads no oclif, no knex and no driver', () => {
    assert.deepEqual(heavyLoaded(meta, 'dist/cli/fast-settings.js'), [])
    const {inputs, externals} = staticLoad(meta, 'dist/cli/fast-settings.js')
    assert.deepEqual([...inputs].filter((input) => input.includes('node_modules/@oclif/')), [])
    assert.deepEqual([...externals].filter((specifier) => !isBuiltin(specifier)), [])
    assert.deepEqual(meta.outputs['dist/cli/fast-settings.js'].imports.filter((imported) => !imported.external), [])
  })

  it('finds the built commands', () => assert.ok(commands.length >= 11, String(commands.length)))
  for (const command of commands) {
    it(`${command} loads no knex and no database driver`, () => assert.deepEqual(heavyLoaded(meta, command), []))
  }
})
