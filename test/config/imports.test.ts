import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'

import {PROJECT_ROOT} from '../harness/cli.js'
import {tempDir} from '../harness/tmp.js'

const HEAVY = ['knex', 'pg', 'better-sqlite3']

/** Static imports of a built file, followed through relative paths (dynamic import() is lazy, so it is allowed). */
function staticImports(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen
  seen.add(file)
  const source = fs.readFileSync(file, 'utf8')
  for (const match of source.matchAll(/^\s*(?:import|export)\s[^;]*?from\s+['"]([^'"]+)['"]|^\s*import\s+['"]([^'"]+)['"]/gm)) {
    const specifier = match[1] ?? match[2]
    if (specifier.startsWith('.')) staticImports(path.resolve(path.dirname(file), specifier), seen)
    else seen.add(specifier)
  }

  return seen
}

describe('config and profile commands start light', () => {
  const commands = ['config', 'profile'].flatMap((topic) => {
    const dir = path.join(PROJECT_ROOT, 'dist', 'commands', topic)
    return fs.readdirSync(dir).filter((file) => file.endsWith('.js')).map((file) => path.join(dir, file))
  })

  it('sees a driver imported two files away', () => {
    const dir = tempDir('imports-')
    fs.writeFileSync(path.join(dir, 'a.js'), "import {b} from './b.js'\nexport const a = () => import('pg')\n")
    fs.writeFileSync(path.join(dir, 'b.js'), "import knex from 'knex'\nexport const b = knex\n")
    assert.deepEqual([...staticImports(path.join(dir, 'a.js'))].filter((s) => HEAVY.includes(s)), ['knex'])
  })

  it('finds the built commands', () => assert.ok(commands.length >= 11, String(commands.length)))
  for (const command of commands) {
    it(`${path.relative(PROJECT_ROOT, command)} imports no database driver`, () => {
      const heavy = [...staticImports(command)].filter((specifier) => HEAVY.some((name) => specifier === name || specifier.startsWith(`${name}/`)))
      assert.deepEqual(heavy, [])
    })
  }
})
