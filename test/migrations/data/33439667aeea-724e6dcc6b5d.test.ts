import assert from 'node:assert/strict'

import {forEachDialect, freshPostgresDatabase, freshSqliteFile, type TestDialect} from '../../harness/databases.js'
import {buildReferenceDatabase} from '../../support/reference-db.js'
import {openKnex, positionOf, runPosition} from '../../support/run-revision.js'

const REVISION = {sqlite: '33439667aeea', postgresql: '724e6dcc6b5d'} as const

async function location(dialect: TestDialect): Promise<string> {
  return dialect === 'sqlite' ? freshSqliteFile().file : (await freshPostgresDatabase()).url
}

describe('data migration 33439667aeea / 724e6dcc6b5d: block schema type to capabilities', () => {
  forEachDialect((dialect) => {
    it('gives STORAGE schemas the storage capabilities and brings type back from them on down', async () => {
      const where = await location(dialect)
      const n = positionOf(dialect, REVISION[dialect])
      await buildReferenceDatabase(dialect, where, n - 1)
      const seeder = openKnex(dialect, where)
      try {
        await seeder('block_type').insert({id: '44444444-4444-4444-8444-444444444444', name: 't'})
        await seeder('block_schema').insert([
          {id: '11111111-1111-4111-8111-111111111111', type: 'STORAGE', fields: '{}', checksum: 'a', block_type_id: '44444444-4444-4444-8444-444444444444'},
          {id: '22222222-2222-4222-8222-222222222222', type: 'storage', fields: '{}', checksum: 'b', block_type_id: '44444444-4444-4444-8444-444444444444'},
          {id: '33333333-3333-4333-8333-333333333333', type: null, fields: '{}', checksum: 'c', block_type_id: '44444444-4444-4444-8444-444444444444'},
        ])
      } finally {
        await seeder.destroy()
      }

      const knex = openKnex(dialect, where)
      const capabilities = async () =>
        new Map(
          (await knex.raw(`SELECT id, capabilities${dialect === 'postgresql' ? '::text' : ''} AS c FROM block_schema`).then((r) =>
            dialect === 'postgresql' ? (r as {rows: Array<{id: string; c: string}>}).rows : (r as Array<{id: string; c: string}>),
          )).map((row) => [row.id, row.c]),
        )
      try {
        await runPosition(knex, dialect, n, 'up')
        const after = await capabilities()
        // Python's json.dumps text on SQLite; jsonb prints the same.
        assert.equal(after.get('11111111-1111-4111-8111-111111111111'), '["writeable", "readable", "storage"]')
        assert.equal(after.get('22222222-2222-4222-8222-222222222222'), '[]')
        assert.equal(after.get('33333333-3333-4333-8333-333333333333'), '[]')

        // What Python's `"storage" in capabilities` says for other shapes, checked on down.
        await knex('block_schema').where({id: '22222222-2222-4222-8222-222222222222'}).update({capabilities: '{"storage": 1}'})
        await knex('block_schema').where({id: '33333333-3333-4333-8333-333333333333'}).update({capabilities: '["readable", "storages"]'})
        await runPosition(knex, dialect, n, 'down')
        const types = new Map((await knex('block_schema').select('id', 'type')).map((row) => [String(row.id), row.type]))
        assert.equal(types.get('11111111-1111-4111-8111-111111111111'), 'STORAGE')
        assert.equal(types.get('22222222-2222-4222-8222-222222222222'), 'STORAGE')
        assert.equal(types.get('33333333-3333-4333-8333-333333333333'), null)
      } finally {
        await knex.destroy()
      }
    })
  })
})
