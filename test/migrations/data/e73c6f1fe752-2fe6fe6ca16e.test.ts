import assert from 'node:assert/strict'

import {forEachDialect, freshPostgresDatabase, freshSqliteFile, type TestDialect} from '../../harness/databases.js'
import {buildReferenceDatabase} from '../../support/reference-db.js'
import {openKnex, positionOf, runPosition} from '../../support/run-revision.js'

const REVISION = {sqlite: 'e73c6f1fe752', postgresql: '2fe6fe6ca16e'} as const

/*
 * Expected fields text and checksums computed with Python's json and hashlib from Prefect's
 * migration code: an existing block_type_name key keeps its place, new keys go last, a storage
 * type's title is replaced, 2.50 prints as 2.5, non-ASCII and control characters are escaped.
 */
const S3 = {
  id: '11111111-1111-4111-8111-111111111111',
  fields: "{\"title\": \"S3\", \"block_type_name\": \"old\", \"a\\u0007\": \"tab\\t\", \"\\u00e9\": 2.50}",
  expected: "{\"title\": \"S3StorageBlock\", \"block_type_name\": \"S3 Storage\", \"a\\u0007\": \"tab\\t\", \"\\u00e9\": 2.5, \"block_schema_references\": {}}",
  checksum: 'sha256:a1a722fddae1bc45552675ddd44c5bb71d9510496dd008e0048f2a51eab9042b',
}
const OTHER = {
  id: '22222222-2222-4222-8222-222222222222',
  fields: "{\"z\": 1, \"1\": true, \"a\": null}",
  expected: "{\"z\": 1, \"1\": true, \"a\": null, \"block_type_name\": \"Other\", \"block_schema_references\": {}}",
  checksum: 'sha256:9a5e4fb73de2229d35c591e7c443699cda4a502a51c2d9507822a1ad1c71c436',
}

async function location(dialect: TestDialect): Promise<string> {
  return dialect === 'sqlite' ? freshSqliteFile().file : (await freshPostgresDatabase()).url
}

describe('data migration e73c6f1fe752 / 2fe6fe6ca16e: block type names in block schema fields', () => {
  forEachDialect((dialect) => {
    it("adds block_type_name and block_schema_references, retitles storage schemas and recomputes Prefect's checksum", async () => {
      const where = await location(dialect)
      const n = positionOf(dialect, REVISION[dialect])
      await buildReferenceDatabase(dialect, where, n - 1)
      const seeder = openKnex(dialect, where)
      try {
        await seeder('block_type').insert([
          {id: '44444444-4444-4444-8444-444444444444', name: 'S3 Storage'},
          {id: '55555555-5555-4555-8555-555555555555', name: 'Other'},
        ])
        await seeder('block_schema').insert([
          {id: S3.id, fields: S3.fields, checksum: 'old-1', block_type_id: '44444444-4444-4444-8444-444444444444'},
          {id: OTHER.id, fields: OTHER.fields, checksum: 'old-2', block_type_id: '55555555-5555-4555-8555-555555555555'},
        ])
      } finally {
        await seeder.destroy()
      }

      const knex = openKnex(dialect, where)
      try {
        await runPosition(knex, dialect, n, 'up')
        for (const schema of [S3, OTHER]) {
          if (dialect === 'sqlite') {
            const row = await knex('block_schema').where({id: schema.id}).first('fields', 'checksum')
            assert.equal(row.fields, schema.expected) // the text Python's json.dumps writes
            assert.equal(row.checksum, schema.checksum)
          } else {
            const result = (await knex.raw('SELECT fields = CAST(? AS jsonb) AS same, checksum FROM block_schema WHERE id = ?', [
              schema.expected,
              schema.id,
            ])) as {rows: Array<{same: boolean; checksum: string}>}
            assert.equal(result.rows[0]!.same, true)
            assert.equal(result.rows[0]!.checksum, schema.checksum)
          }
        }

        await runPosition(knex, dialect, n, 'down')
        // As in Prefect, down leaves the fields and checksums as they are.
        const row = await knex('block_schema').where({id: OTHER.id}).first('checksum')
        assert.equal(row.checksum, OTHER.checksum)
      } finally {
        await knex.destroy()
      }
    })
  })
})
