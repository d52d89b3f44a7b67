import assert from 'node:assert/strict'
import crypto from 'node:crypto'

import type {Knex} from 'knex'

import {adminQuery, freshPostgresDatabase, freshSqliteFile} from '../../harness/databases.js'
import {buildReferenceDatabase} from '../../support/reference-db.js'
import {openKnex, positionOf, runPosition} from '../../support/run-revision.js'

type Dialect = 'sqlite' | 'postgresql'
const REVISIONS = {sqlite: '42762c37b7bc', postgresql: '2f46fc3f3beb'} as const

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
  describe(`migration ${REVISIONS[dialect]} (${dialect}): notification policies lose their name`, () => {
    it('keeps the policies both ways, with an empty name after the downgrade', async () => {
      await belowRevision(dialect, async (knex, n) => {
        const type = crypto.randomUUID()
        const schema = crypto.randomUUID()
        const document = crypto.randomUUID()
        const policy = crypto.randomUUID()
        await knex('block_type').insert({id: type, name: 'Slack Webhook'})
        await knex('block_schema').insert({id: schema, checksum: 'sha256:s', block_type_id: type, fields: '{}', capabilities: '[]'})
        await knex('block_document').insert({id: document, name: 'd', block_schema_id: schema, block_type_id: type, data: '{}'})
        await knex('flow_run_notification_policy').insert({id: policy, name: 'mine', block_document_id: document, tags: '["x"]'})

        await runPosition(knex, dialect, n, 'up')
        assert.equal((await knex('flow_run_notification_policy').where({id: policy})).length, 1)

        await runPosition(knex, dialect, n, 'down')
        const row = await knex('flow_run_notification_policy').where({id: policy}).first()
        assert.equal(row.name, '')
        assert.equal(row.block_document_id, document)
      })
    })
  })
}
