import assert from 'node:assert/strict'

import {freshPostgresDatabase} from '../../harness/databases.js'
import {buildReferenceDatabase} from '../../support/reference-db.js'
import {openKnex, positionOf, runPosition} from '../../support/run-revision.js'

const WITH_LATEST = '5d03c01b-0000-4000-8000-000000000001'
const WITHOUT_LATEST = '5d03c01b-0000-4000-8000-000000000002'
const LATEST = '5d03c01b-0000-4000-8000-0000000000a1'

describe('data migration 5d03c01be85e (postgresql): artifact_collection.latest_id made NOT NULL', () => {
  it('gives collections without a latest id a random one and leaves the others alone', async () => {
    const {url} = await freshPostgresDatabase()
    const position = positionOf('postgresql', '5d03c01be85e')
    await buildReferenceDatabase('postgresql', url, position - 1)
    const knex = openKnex('postgresql', url)
    try {
      await knex('artifact_collection').insert([
        {id: WITH_LATEST, key: 'with', latest_id: LATEST},
        {id: WITHOUT_LATEST, key: 'without', latest_id: null},
      ])

      await runPosition(knex, 'postgresql', position, 'up')
      const rows = (await knex('artifact_collection').select('id', 'latest_id').orderBy('id')) as Array<{id: string; latest_id: string}>
      assert.equal(rows[0]!.latest_id, LATEST)
      assert.match(rows[1]!.latest_id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
      assert.notEqual(rows[1]!.latest_id, LATEST)
      await assert.rejects(knex('artifact_collection').insert({key: 'null again', latest_id: null}), /not-null constraint/)

      // The downgrade allows NULL again; the ids given on the way up stay (nothing tells them apart).
      await runPosition(knex, 'postgresql', position, 'down')
      const after = (await knex('artifact_collection').select('id', 'latest_id').orderBy('id')) as Array<{id: string; latest_id: string}>
      assert.deepEqual(after, rows)
      await knex('artifact_collection').insert({key: 'null again', latest_id: null})
    } finally {
      await knex.destroy()
    }
  })
})
