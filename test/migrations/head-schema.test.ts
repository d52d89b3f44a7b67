import assert from 'node:assert/strict'

import {forEachDialect} from '../harness/databases.js'
import {dumpDiff, referenceChain, referenceDump} from '../support/reference-schema.js'
import {downgradeTo, freshDatabase, HEAD, schemaText, upgradeTo} from './apply.js'

/** A fresh database upgraded to head in one run is Prefect's head schema, and `downgrade base` is Prefect's base. */
describe('the head schema', () => {
  forEachDialect((dialect) => {
    it("equals Prefect's reference at head, and downgrading to base leaves what alembic leaves", async () => {
      const db = await freshDatabase(dialect)
      try {
        await upgradeTo(db, HEAD)
        const head = referenceChain(dialect).length
        const actual = await schemaText(db)
        assert.equal(actual, referenceDump(dialect, head), dumpDiff(actual, referenceDump(dialect, head)))
        await downgradeTo(db, null)
        const base = await schemaText(db)
        assert.equal(base, referenceDump(dialect, 0), dumpDiff(base, referenceDump(dialect, 0)))
      } finally {
        await db.knex.destroy()
      }
    })
  })
})
