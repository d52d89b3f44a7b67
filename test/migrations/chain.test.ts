import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'

import {DIALECTS} from '../harness/databases.js'
import {PROJECT_ROOT, referenceChain, referenceDump} from '../support/reference-schema.js'
import {chainOf} from '../support/run-revision.js'

const FILE_NAME = /^(\d{4})_(\d{2})_(\d{2})_(\d{6})_[A-Za-z0-9_]+\.ts$/

/**
 * Each dialect's chain is Prefect's: the same ids, parents, messages and file name stems, in the
 * same order as the reference chain.tsv; every module is listed, loads, and says the same.
 */
describe("Prefect's revision chains", () => {
  for (const dialect of DIALECTS) {
    describe(dialect, () => {
      const chain = chainOf(dialect)
      const directory = path.join(PROJECT_ROOT, 'src', 'migrations', dialect)

      it('lists exactly the revisions of Prefect\'s chain.tsv, in order, with their parents, messages and file stems', () => {
        const reference = referenceChain(dialect)
        assert.deepEqual(
          chain.map((entry) => [entry.revision, entry.downRevision, entry.message, entry.file]),
          reference.map((row) => [row.revision, row.downRevision, row.message, row.file.replace(/\.py$/, '')]),
        )
      })

      it('has one module per revision, named after Prefect\'s file, and no other', () => {
        // index.ts lists the chain and baseline.ts is its head schema (both generated); the rest are revisions.
        const files = fs.readdirSync(directory).filter((file) => file !== 'index.ts' && file !== 'baseline.ts').sort()
        for (const file of files) assert.match(file, FILE_NAME)
        assert.deepEqual(files, chain.map((entry) => `${entry.file}.ts`).sort())
      })

      it('loads every module, each declaring its own id, parent and message, ported (no stub), with a transaction mode, up and down', async () => {
        for (const entry of chain) {
          const revision = await entry.load()
          assert.deepEqual([revision.revision, revision.downRevision, revision.message], [entry.revision, entry.downRevision, entry.message], entry.file)
          assert.equal((revision as {notPorted?: boolean}).notPorted, undefined, `${entry.revision} (${entry.message}) is still a stub`)
          const modes = typeof revision.transaction === 'boolean' ? [revision.transaction] : [revision.transaction.sqlite, revision.transaction.postgresql]
          for (const mode of modes) assert.equal(typeof mode, 'boolean', entry.revision)
          assert.equal(typeof revision.up, 'function')
          assert.equal(typeof revision.down, 'function')
        }
      })

      if (dialect === 'postgresql') {
        it('declares pg_trgm in `requires` exactly where the upgrade creates the extension or a trigram index', async () => {
          for (const [i, entry] of chain.entries()) {
            const before = new Set(referenceDump(dialect, i).split('\n'))
            const adds: string[] = referenceDump(dialect, i + 1).split('\n').filter((line) => !before.has(line))
            const uses: boolean = adds.some((line) => /gin_trgm_ops|^extension pg_trgm$/.test(line))
            const revision = await entry.load()
            assert.equal(revision.requires?.includes('pg_trgm') ?? false, uses, `${entry.revision} ${entry.message}`)
          }
        })
      }
    })
  }
})
