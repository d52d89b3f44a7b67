import assert from 'node:assert/strict'

import {revisions} from '../../src/migrations/index.js'
import {applyRevision, freshDatabase, indexOf, upgradeTo} from './apply.js'

const TRIGRAM = revisions[indexOf('cf78815731d6')]

async function indexState(knex: import('knex').Knex, name: string): Promise<{valid: boolean} | undefined> {
  const result = (await knex.raw(
    'SELECT i.indisvalid AS valid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE c.relname = ?',
    [name],
  )) as {rows: Array<{valid: boolean}>}
  return result.rows[0]
}

describe('indexes built CONCURRENTLY on PostgreSQL', () => {
  it('runs outside a transaction on PostgreSQL and inside one on SQLite', () => {
    assert.deepEqual(TRIGRAM.transaction, {sqlite: true, postgresql: false})
  })

  it('replaces an INVALID index left by a crashed build, and can be run again', async () => {
    const db = await freshDatabase('postgresql')
    try {
      await upgradeTo(db, TRIGRAM.downRevision!)
      // What an interrupted CREATE INDEX CONCURRENTLY leaves behind: the index, marked invalid.
      await db.knex.raw('CREATE EXTENSION IF NOT EXISTS pg_trgm')
      await db.knex.raw('CREATE INDEX trgm_ix_flow_run_name ON flow_run USING gin (name gin_trgm_ops)')
      await db.knex.raw("UPDATE pg_index SET indisvalid = false WHERE indexrelid = 'trgm_ix_flow_run_name'::regclass")
      assert.deepEqual(await indexState(db.knex, 'trgm_ix_flow_run_name'), {valid: false})

      await applyRevision(db, TRIGRAM, 'up')
      assert.deepEqual(await indexState(db.knex, 'trgm_ix_flow_run_name'), {valid: true})
      await applyRevision(db, TRIGRAM, 'up')
      assert.deepEqual(await indexState(db.knex, 'trgm_ix_flow_name'), {valid: true})

      await applyRevision(db, TRIGRAM, 'down')
      await applyRevision(db, TRIGRAM, 'down')
      assert.equal(await indexState(db.knex, 'trgm_ix_flow_name'), undefined)
    } finally {
      await db.knex.destroy()
    }
  })
})
