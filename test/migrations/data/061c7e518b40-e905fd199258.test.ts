import assert from 'node:assert/strict'
import crypto from 'node:crypto'

import type {Knex} from 'knex'

import {adminQuery, freshPostgresDatabase, freshSqliteFile} from '../../harness/databases.js'
import {buildReferenceDatabase} from '../../support/reference-db.js'
import {openKnex, positionOf, runPosition} from '../../support/run-revision.js'

type Dialect = 'sqlite' | 'postgresql'
const REVISIONS = {sqlite: '061c7e518b40', postgresql: 'e905fd199258'} as const

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

const count = async (knex: Knex, table: string) => Number((await knex(table).count({n: '*'}))[0].n)

for (const dialect of ['sqlite', 'postgresql'] as const) {
  describe(`data migration ${REVISIONS[dialect]} (${dialect}): DebugPrintNotification removed`, () => {
    it('deletes the block type with its schemas, documents and what refers to them', async () => {
      await belowRevision(dialect, async (knex, n) => {
        const id = () => crypto.randomUUID()
        const [debugType, keptType, debugSchema, keptSchema, debugDoc, keptDoc] = [id(), id(), id(), id(), id(), id()]
        await knex('block_type').insert([
          {id: debugType, name: 'Debug Print Notification'},
          {id: keptType, name: 'Slack Webhook'},
        ])
        await knex('block_schema').insert([
          {id: debugSchema, checksum: 'sha256:debug', block_type_id: debugType, fields: '{}', capabilities: '[]'},
          {id: keptSchema, checksum: 'sha256:slack', block_type_id: keptType, fields: '{}', capabilities: '[]'},
        ])
        await knex('block_document').insert([
          {id: debugDoc, name: 'debug', block_schema_id: debugSchema, block_type_id: debugType, data: '{}'},
          {id: keptDoc, name: 'slack', block_schema_id: keptSchema, block_type_id: keptType, data: '{}'},
        ])
        await knex('block_document_reference').insert({id: id(), name: 'r', parent_block_document_id: keptDoc, reference_block_document_id: debugDoc})
        await knex('flow_run_notification_policy').insert([
          {id: id(), block_document_id: debugDoc},
          {id: id(), block_document_id: keptDoc},
        ])

        await runPosition(knex, dialect, n, 'up')

        assert.deepEqual((await knex('block_type').select('name')).map((row) => row.name), ['Slack Webhook'])
        assert.deepEqual((await knex('block_schema').select('id')).map((row) => row.id), [keptSchema])
        assert.deepEqual((await knex('block_document').select('id')).map((row) => row.id), [keptDoc])
        assert.equal(await count(knex, 'block_document_reference'), 0)
        assert.deepEqual((await knex('flow_run_notification_policy').select('block_document_id')).map((row) => row.block_document_id), [keptDoc])

        await runPosition(knex, dialect, n, 'down')
        assert.equal(await count(knex, 'block_type'), 1, 'the downgrade brings nothing back')
      })
    })
  })
}
