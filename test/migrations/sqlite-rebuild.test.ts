import assert from 'node:assert/strict'

import {forEachDialect} from '../harness/databases.js'
import {applyRevision, connect, freshDatabase, revisionOf, upgradeTo} from './apply.js'
import {json, snapshot} from './rows.js'
const id = (): string => crypto.randomUUID()

/** Prefect's self-reference CHECK: a table rebuild on SQLite, an ALTER TABLE on PostgreSQL. */
const CHECK = {sqlite: '2095de406cbe', postgresql: '7218aad17905'} as const
const BEFORE = {sqlite: '4dfa692e02a7', postgresql: '09a9e091e578'} as const

/** A block type and schema, 40 documents, each referencing the next. */
async function seedReferences(knex: import('knex').Knex): Promise<string[]> {
  const [blockType, blockSchema] = [id(), id()]
  await knex('block_type').insert({id: blockType, name: 'Secret', slug: 'secret'})
  await knex('block_schema').insert({id: blockSchema, checksum: 'sha256:1', fields: json({}), block_type_id: blockType})
  const documents = Array.from({length: 40}, () => id())
  for (const [i, document] of documents.entries()) {
    await knex('block_document').insert({id: document, name: `doc-${i}`, data: json({i}), block_type_id: blockType, block_schema_id: blockSchema})
  }

  for (let i = 0; i + 1 < documents.length; i++) {
    await knex('block_document_reference').insert({id: id(), name: `ref-${i}`, parent_block_document_id: documents[i], reference_block_document_id: documents[i + 1]})
  }

  return documents
}

describe('the block document self-reference check (a table rebuild on SQLite)', () => {
  it('keeps every row, the foreign keys and the index through the rebuild, up and down', async () => {
    const db = await freshDatabase('sqlite')
    try {
      const CHECK_REVISION = await revisionOf('sqlite', CHECK.sqlite)
      await upgradeTo(db, BEFORE.sqlite)
      const documents = await seedReferences(db.knex)
      const before = await snapshot(db.knex, 'block_document_reference')
      assert.equal(before.length, 39)

      await applyRevision(db, CHECK_REVISION, 'up')
      const second = connect('sqlite', db.connection)
      try {
        assert.deepEqual(await snapshot(second, 'block_document_reference'), before)
        const indexes = (await second.raw("PRAGMA index_list('block_document_reference')")) as Array<{name: string}>
        assert.ok(indexes.some((index) => index.name === 'ix_block_document_reference__updated'))
        await assert.rejects(
          second('block_document_reference').insert({id: id(), name: 'self', parent_block_document_id: documents[0], reference_block_document_id: documents[0]}),
          /CHECK constraint failed/,
        )
        // The rebuilt table still cascades deletes from block_document.
        await second.raw('PRAGMA foreign_keys = ON')
        await second('block_document').where({id: documents[0]}).delete()
        assert.equal((await snapshot(second, 'block_document_reference')).length, 38)
      } finally {
        await second.destroy()
      }

      const remaining = await snapshot(db.knex, 'block_document_reference')
      await applyRevision(db, CHECK_REVISION, 'down')
      assert.deepEqual(await snapshot(db.knex, 'block_document_reference'), remaining)
      await db.knex('block_document_reference').insert({id: id(), name: 'self', parent_block_document_id: documents[1], reference_block_document_id: documents[1]})
    } finally {
      await db.knex.destroy()
    }
  })

  forEachDialect((dialect) => {
    it('deletes existing self-references first, as Prefect does, and keeps every other row', async () => {
      const db = await freshDatabase(dialect)
      try {
        const CHECK_REVISION = await revisionOf(dialect, CHECK[dialect])
        await upgradeTo(db, BEFORE[dialect])
        const documents = await seedReferences(db.knex)
        const before = await snapshot(db.knex, 'block_document_reference')
        await db.knex('block_document_reference').insert({id: id(), name: 'self', parent_block_document_id: documents[5], reference_block_document_id: documents[5]})
        await applyRevision(db, CHECK_REVISION, 'up')
        assert.deepEqual(await snapshot(db.knex, 'block_document_reference'), before)
        assert.equal(await db.knex.schema.hasTable('block_document_reference_new'), false)
      } finally {
        await db.knex.destroy()
      }
    })
  })
})
