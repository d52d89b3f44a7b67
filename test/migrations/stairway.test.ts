import assert from 'node:assert/strict'

import {currentRevision, downgrade, upgrade} from '../../src/migrator/index.js'
import {forEachDialect} from '../harness/databases.js'
import {dumpDiff, referenceDump, sortDumpColumns} from '../support/reference-schema.js'
import {chainOf} from '../support/run-revision.js'
import {freshDatabase, schemaText} from './apply.js'

/**
 * The stairway, through the engine, against Prefect's own schema: up one revision at a time from
 * base to head, the schema equal to Prefect's reference dump at every position; then down one at
 * a time to base, equal to the reference at every position (column order aside: a downgrade
 * re-creates dropped columns last). Where Prefect's own downgrade loses something (uniqueness,
 * nullability, an index's DESC), ours restores it: the comparison is with the reference itself.
 */
forEachDialect((dialect) => {
  describe("the stairway against Prefect's reference schemas", function () {
    // About 100 s a dialect on a quiet 2-core machine (230 migrations and dumps each way); a loaded one needs more.
    this.timeout(360_000)
    const chain = chainOf(dialect)

    it(`matches the reference at each of the ${chain.length} revisions, up from base and back down`, async () => {
      const db = await freshDatabase(dialect)
      try {
        for (const [i, entry] of chain.entries()) {
          await upgrade(db.target, {revision: '+1'})
          const actual = await schemaText(db)
          const expected = referenceDump(dialect, i + 1)
          assert.equal(actual, expected, `up to ${i + 1} ${entry.revision} (${entry.message}):\n${dumpDiff(actual, expected)}`)
        }

        assert.equal((await currentRevision(db.target)).isHead, true)
        for (let position = chain.length - 1; position >= 0; position--) {
          const entry = chain[position]
          await downgrade(db.target, {revision: '-1'})
          const actual = await schemaText(db, {sortColumns: true})
          const expected = sortDumpColumns(referenceDump(dialect, position))
          assert.equal(actual, expected, `down from ${position + 1} ${entry.revision} (${entry.message}):\n${dumpDiff(actual, expected)}`)
        }
      } finally {
        await db.knex.destroy()
      }
    })
  })
})
