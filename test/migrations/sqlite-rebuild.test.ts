import assert from 'node:assert/strict'

import {revisions} from '../../src/migrations/index.js'
import {forEachDialect} from '../harness/databases.js'
import {applyRevision, connect, freshDatabase, indexOf, upgradeTo} from './apply.js'
import {json, snapshot} from './rows.js'
import {id} from './seed.js'

const BEFORE = 'a4ba7112ca52'
const CHECK_REVISION = revisions[indexOf('8b0a242ddb67')]

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
      await upgradeTo(db, BEFORE)
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
    it('refuses an existing self-reference and leaves the table as it was', async () => {
      const db = await freshDatabase(dialect)
      try {
        await upgradeTo(db, BEFORE)
        const documents = await seedReferences(db.knex)
        await db.knex('block_document_reference').insert({id: id(), name: 'self', parent_block_document_id: documents[5], reference_block_document_id: documents[5]})
        const before = await snapshot(db.knex, 'block_document_reference')
        await assert.rejects(applyRevision(db, CHECK_REVISION, 'up'), /check constraint|violated/i)
        assert.deepEqual(await snapshot(db.knex, 'block_document_reference'), before)
        assert.equal(await db.knex.schema.hasTable('block_document_reference_new'), false)
      } finally {
        await db.knex.destroy()
      }
    })
  })
})
