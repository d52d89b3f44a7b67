import assert from 'node:assert/strict'

import {freshPostgresDatabase, freshSqliteFile} from '../../harness/databases.js'
import {buildReferenceDatabase} from '../../support/reference-db.js'
import {openKnex, positionOf, runPosition} from '../../support/run-revision.js'

const REVISION = {sqlite: '2095de406cbe', postgresql: '7218aad17905'} as const
const BLOCK_TYPE = '2095de40-0000-4000-8000-000000000001'
const BLOCK_SCHEMA = '2095de40-0000-4000-8000-000000000002'
const PARENT = '2095de40-0000-4000-8000-0000000000d1'
const CHILD = '2095de40-0000-4000-8000-0000000000d2'
const GOOD_REFERENCE = '2095de40-0000-4000-8000-0000000000e1'
const SELF_REFERENCE = '2095de40-0000-4000-8000-0000000000e2'

for (const dialect of ['sqlite', 'postgresql'] as const) {
  describe(`data migration ${REVISION[dialect]} (${dialect}): block document self-references`, () => {
    it('deletes self-references, keeps the others, and refuses new ones until the downgrade', async () => {
      const location = dialect === 'sqlite' ? freshSqliteFile().file : (await freshPostgresDatabase()).url
      const position = positionOf(dialect, REVISION[dialect])
      await buildReferenceDatabase(dialect, location, position - 1)
      const knex = openKnex(dialect, location)
      try {
        await knex('block_type').insert({id: BLOCK_TYPE, name: 'T', slug: 't'})
        await knex('block_schema').insert({id: BLOCK_SCHEMA, checksum: 'sha256:1', block_type_id: BLOCK_TYPE})
        await knex('block_document').insert([
          {id: PARENT, name: 'parent', block_schema_id: BLOCK_SCHEMA, block_type_id: BLOCK_TYPE},
          {id: CHILD, name: 'child', block_schema_id: BLOCK_SCHEMA, block_type_id: BLOCK_TYPE},
        ])
        await knex('block_document_reference').insert([
          {id: GOOD_REFERENCE, name: 'child', parent_block_document_id: PARENT, reference_block_document_id: CHILD},
          {id: SELF_REFERENCE, name: 'me', parent_block_document_id: PARENT, reference_block_document_id: PARENT},
        ])

        await runPosition(knex, dialect, position, 'up')
        const references = async () =>
          ((await knex('block_document_reference').select('id', 'name').orderBy('id')) as Array<{id: string; name: string}>).map((row) => [
            row.id,
            row.name,
          ])
        assert.deepEqual(await references(), [[GOOD_REFERENCE, 'child']])
        await assert.rejects(
          knex('block_document_reference').insert({name: 'again', parent_block_document_id: CHILD, reference_block_document_id: CHILD}),
          /CHECK constraint failed|violates check constraint/,
        )

        await runPosition(knex, dialect, position, 'down')
        assert.deepEqual(await references(), [[GOOD_REFERENCE, 'child']])
        await knex('block_document_reference').insert({id: SELF_REFERENCE, name: 'me', parent_block_document_id: CHILD, reference_block_document_id: CHILD})
        assert.equal((await references()).length, 2)
      } finally {
        await knex.destroy()
      }
    })
  })
}
