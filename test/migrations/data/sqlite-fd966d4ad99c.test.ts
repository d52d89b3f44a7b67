import assert from 'node:assert/strict'

import {freshSqliteFile} from '../../harness/databases.js'
import {buildReferenceDatabase} from '../../support/reference-db.js'
import {openKnex, positionOf, runPosition} from '../../support/run-revision.js'

// On SQLite the renamed tables are new tables that the rows are copied into, both ways.
describe('data migration fd966d4ad99c (sqlite): block/block_spec become block_document/block_schema', () => {
  it('carries every row and column value over, and back on down', async () => {
    const {file} = freshSqliteFile()
    const n = positionOf('sqlite', 'fd966d4ad99c')
    await buildReferenceDatabase('sqlite', file, n - 1)
    const seeder = openKnex('sqlite', file)
    const spec = {id: '11111111-1111-4111-8111-111111111111', created: '2022-04-01 10:00:00.000000', updated: '2022-04-02 10:00:00.000000', name: 'S3', version: '1', type: 'STORAGE', fields: '{"a": 1}'}
    const block = {id: '22222222-2222-4222-8222-222222222222', created: '2022-04-03 10:00:00.000000', updated: '2022-04-04 10:00:00.000000', name: 'b', data: '{"k": "v"}', block_spec_id: spec.id, is_default_storage_block: 1}
    try {
      await seeder('block_spec').insert(spec)
      await seeder('block').insert(block)
    } finally {
      await seeder.destroy()
    }

    const knex = openKnex('sqlite', file)
    try {
      await runPosition(knex, 'sqlite', n, 'up')
      assert.deepEqual(await knex('block_schema').select(), [spec])
      const {block_spec_id: schemaId, is_default_storage_block: isDefault, ...rest} = block
      assert.deepEqual(await knex('block_document').select(), [{...rest, block_schema_id: schemaId, is_default_storage_block_document: isDefault}])
      await runPosition(knex, 'sqlite', n, 'down')
      assert.deepEqual(await knex('block_spec').select(), [spec])
      assert.deepEqual(await knex('block').select(), [block])
    } finally {
      await knex.destroy()
    }
  })
})
