import assert from 'node:assert/strict'
import crypto from 'node:crypto'

import {adminQuery, freshPostgresDatabase} from '../../harness/databases.js'
import {buildReferenceDatabase} from '../../support/reference-db.js'
import {openKnex, positionOf, runPosition} from '../../support/run-revision.js'

describe('migration 0cf7311d6ea6 (postgresql): the CRASHED state type', () => {
  it('removes the label on the way down unless a run or state holds it', async () => {
    const db = await freshPostgresDatabase()
    const n = positionOf('postgresql', '0cf7311d6ea6')
    await buildReferenceDatabase('postgresql', db.url, n - 1)
    const knex = openKnex('postgresql', db.url)
    try {
      const flow = crypto.randomUUID()
      const run = crypto.randomUUID()
      await knex('flow').insert({id: flow, name: 'f'})
      await knex('flow_run').insert({id: run, name: 'r', flow_id: flow, state_type: 'RUNNING'})

      await runPosition(knex, 'postgresql', n, 'up')
      await knex('flow_run').where({id: run}).update({state_type: 'CRASHED'})
      await assert.rejects(runPosition(knex, 'postgresql', n, 'down'), /CRASHED/)

      await knex('flow_run').where({id: run}).update({state_type: 'FAILED'})
      await runPosition(knex, 'postgresql', n, 'down')
      const labels = await knex.raw("SELECT enum_range(NULL::state_type)::text AS labels")
      assert.equal(labels.rows[0].labels, '{SCHEDULED,PENDING,RUNNING,COMPLETED,FAILED,CANCELLED}')
      assert.equal((await knex('flow_run').where({id: run}).first()).state_type, 'FAILED')
    } finally {
      await knex.destroy()
      await adminQuery(`DROP DATABASE ${db.name} WITH (FORCE)`)
    }
  })
})
