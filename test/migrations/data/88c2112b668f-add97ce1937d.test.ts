import assert from 'node:assert/strict'
import crypto from 'node:crypto'

import type {Knex} from 'knex'

import {adminQuery, freshPostgresDatabase, freshSqliteFile} from '../../harness/databases.js'
import {buildReferenceDatabase} from '../../support/reference-db.js'
import {openKnex, positionOf, runPosition} from '../../support/run-revision.js'

type Dialect = 'sqlite' | 'postgresql'
const REVISIONS = {sqlite: '88c2112b668f', postgresql: 'add97ce1937d'} as const

/** A database of the dialect at the position just below the revision, open for the body. */
async function belowRevision(dialect: Dialect, body: (knex: Knex, n: number) => Promise<void>): Promise<void> {
  let location: string
  let dropDatabase: (() => Promise<unknown>) | undefined
  if (dialect === 'sqlite') location = freshSqliteFile().file
  else {
    const db = await freshPostgresDatabase()
    location = db.url
    dropDatabase = () => adminQuery(`DROP DATABASE ${db.name} WITH (FORCE)`)
  }

  const n = positionOf(dialect, REVISIONS[dialect])
  await buildReferenceDatabase(dialect, location, n - 1)
  const knex = openKnex(dialect, location)
  try {
    await body(knex, n)
  } finally {
    await knex.destroy()
    await dropDatabase?.()
  }
}

for (const dialect of ['sqlite', 'postgresql'] as const) {
  describe(`data migration ${REVISIONS[dialect]} (${dialect}): deployments need a manifest`, () => {
    it('gives existing deployments an empty manifest path and turns their schedules off', async () => {
      await belowRevision(dialect, async (knex, n) => {
        const flow = crypto.randomUUID()
        await knex('flow').insert({id: flow, name: 'f'})
        await knex('deployment').insert([
          {id: crypto.randomUUID(), name: 'on', flow_id: flow, is_schedule_active: true},
          {id: crypto.randomUUID(), name: 'off', flow_id: flow, is_schedule_active: false},
        ])

        await runPosition(knex, dialect, n, 'up')

        const rows = await knex('deployment').select('name', 'manifest_path', 'is_schedule_active', 'parameter_openapi_schema', 'storage_document_id').orderBy('name')
        for (const row of rows) {
          assert.equal(row.manifest_path, '')
          assert.equal(Boolean(row.is_schedule_active), false)
          assert.equal(row.parameter_openapi_schema, null)
          assert.equal(row.storage_document_id, null)
        }

        assert.equal(rows.length, 2)
        await runPosition(knex, dialect, n, 'down')
        assert.equal((await knex('deployment').select('id')).length, 2, 'the downgrade keeps the deployments')
        assert.ok(!Object.keys(await knex('deployment').columnInfo()).includes('manifest_path'))
      })
    })
  })
}
