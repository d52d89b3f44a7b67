import assert from 'node:assert/strict'

import {buildReferenceDatabase} from '../support/reference-db.js'
import {chainIds} from '../support/chains.js'
import {applyRevision, freshDatabase, revisionOf} from './apply.js'

/** Prefect's head revision on PostgreSQL builds its index CONCURRENTLY, outside a transaction. */
const REVISION = '9e9dadc36797'
const INDEX = 'ix_flow_run__deployment_id'

async function indexState(knex: import('knex').Knex, name: string): Promise<{valid: boolean} | undefined> {
  const result = (await knex.raw(
    'SELECT i.indisvalid AS valid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE c.relname = ?',
    [name],
  )) as {rows: Array<{valid: boolean}>}
  return result.rows[0]
}

describe('indexes built CONCURRENTLY on PostgreSQL', () => {
  it('runs outside a transaction', async () => {
    assert.equal((await revisionOf('postgresql', REVISION)).transaction, false)
  })

  it('replaces an INVALID index left by a crashed build, and can be run again both ways', async () => {
    const db = await freshDatabase('postgresql')
    try {
      const revision = await revisionOf('postgresql', REVISION)
      await buildReferenceDatabase('postgresql', db.location, chainIds('postgresql').indexOf(REVISION))
      // What an interrupted CREATE INDEX CONCURRENTLY leaves behind: the index, marked invalid.
      await db.knex.raw(`CREATE INDEX ${INDEX} ON flow_run (deployment_id)`)
      await db.knex.raw(`UPDATE pg_index SET indisvalid = false WHERE indexrelid = '${INDEX}'::regclass`)
      assert.deepEqual(await indexState(db.knex, INDEX), {valid: false})

      await applyRevision(db, revision, 'up')
      assert.deepEqual(await indexState(db.knex, INDEX), {valid: true})
      await applyRevision(db, revision, 'up')
      assert.deepEqual(await indexState(db.knex, INDEX), {valid: true})

      await applyRevision(db, revision, 'down')
      await applyRevision(db, revision, 'down')
      assert.equal(await indexState(db.knex, INDEX), undefined)
    } finally {
      await db.knex.destroy()
    }
  })
})
