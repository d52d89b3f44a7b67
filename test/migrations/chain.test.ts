import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

import {revisions} from '../../src/migrations/index.js'

const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../src/migrations')
const FILE_NAME = /^(\d{4})_(\d{2})_(\d{2})_(\d{6})_([0-9a-f]{12})_[a-z0-9_]+\.ts$/
const NOT_REVISIONS = new Set(['index.ts', 'types.ts'])

describe('the revision chain', () => {
  const files = fs
    .readdirSync(MIGRATIONS_DIR, {withFileTypes: true})
    .filter((entry) => entry.isFile() && !NOT_REVISIONS.has(entry.name))
    .map((entry) => entry.name)
    .sort()

  it('names every revision file YYYY_MM_DD_HHMMSS_<12-hex id>_<slug>.ts', () => {
    for (const file of files) assert.match(file, FILE_NAME)
  })

  it('lists every revision file in index.ts, in file (date) order, with the id of its file name', async () => {
    assert.equal(revisions.length, files.length)
    for (const [i, file] of files.entries()) {
      const module = (await import(path.join(MIGRATIONS_DIR, file))) as {default: (typeof revisions)[number]}
      const id = FILE_NAME.exec(file)![5]
      assert.equal(module.default.revision, id, `${file} declares a different id`)
      assert.equal(revisions[i].revision, id, `index.ts position ${i} should be ${file}`)
    }
  })

  it('uses unique 12-hex ids', () => {
    const ids = revisions.map((r) => r.revision)
    for (const id of ids) assert.match(id, /^[0-9a-f]{12}$/)
    assert.equal(new Set(ids).size, ids.length)
  })

  it('links the revisions into one linear chain with one base and one head, in index order', () => {
    const bases = revisions.filter((r) => r.downRevision === null)
    assert.deepEqual(bases.map((r) => r.revision), [revisions[0].revision])
    for (let i = 1; i < revisions.length; i++) assert.equal(revisions[i].downRevision, revisions[i - 1].revision)
    const parents = new Set(revisions.map((r) => r.downRevision))
    const heads = revisions.filter((r) => !parents.has(r.revision))
    assert.deepEqual(heads.map((r) => r.revision), [revisions.at(-1)!.revision])
  })

  it('declares pg_trgm in `requires` exactly where a revision uses it', () => {
    for (const r of revisions) {
      const uses = /pg_trgm|gin_trgm_ops/.test(r.up.toString())
      assert.equal(r.requires?.includes('pg_trgm') ?? false, uses, `${r.revision} ${r.message}`)
    }
  })

  it('gives every revision a message, a transaction mode, up and down', () => {
    for (const r of revisions) {
      assert.ok(r.message.trim().length > 0, r.revision)
      const modes = typeof r.transaction === 'boolean' ? [r.transaction] : [r.transaction.sqlite, r.transaction.postgresql]
      for (const mode of modes) assert.equal(typeof mode, 'boolean', r.revision)
      assert.equal(typeof r.up, 'function')
      assert.equal(typeof r.down, 'function')
    }
  })
})
