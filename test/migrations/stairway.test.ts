import assert from 'node:assert/strict'

import {revisions} from '../../src/migrations/index.js'
import {currentRevision, downgrade, upgrade} from '../../src/migrator/index.js'
import {forEachDialect} from '../harness/databases.js'
import {freshDatabase, schemaText} from './apply.js'

/**
 * The stairway: through the engine, each revision in turn goes up, down and up again. The
 * schema after each down equals the schema before its up, and the second up equals the first.
 */
forEachDialect((dialect) => {
  describe('stairway', function () {
    it(`up, down, up for each of the ${revisions.length} revisions restores the schema exactly`, async () => {
      const db = await freshDatabase(dialect)
      try {
        let before = await schemaText(db)
        for (const revision of revisions) {
          await upgrade(db.target, {revision: '+1'})
          assert.equal((await currentRevision(db.target)).revision, revision.revision)
          // Some revisions are PostgreSQL-only in effect (trigram indexes), so `after` may equal `before` on SQLite.
          const after = await schemaText(db)

          await downgrade(db.target, {revision: '-1'})
          assert.equal(await schemaText(db), before, `schema after downgrading ${revision.revision} (${revision.message})`)

          await upgrade(db.target, {revision: '+1'})
          assert.equal(await schemaText(db), after, `schema after re-applying ${revision.revision} (${revision.message})`)
          before = after
        }
      } finally {
        await db.knex.destroy()
      }
    })
  })
})
