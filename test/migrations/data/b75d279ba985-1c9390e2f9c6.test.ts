import assert from 'node:assert/strict'

import type {Knex} from 'knex'

import {forEachDialect, freshPostgresDatabase, freshSqliteFile, type TestDialect} from '../../harness/databases.js'
import {buildReferenceDatabase} from '../../support/reference-db.js'
import {openKnex, positionOf, runPosition} from '../../support/run-revision.js'

const REVISION = {sqlite: 'b75d279ba985', postgresql: '1c9390e2f9c6'} as const

/*
 * Block schema fields with what Prefect's checksum is sensitive to: secret_fields at any depth of
 * nested objects (not inside lists), definitions referenced directly or through other
 * definitions, block definitions and unused ones (dropped), integer-like keys, floats printed
 * Python's way, big ints, non-ASCII text. The expected checksums were computed with Python's json
 * and hashlib from Prefect's Block._calculate_schema_checksum; PostgreSQL's differ for the first
 * schema because jsonb rewrites 1e16 as an integer and -0.0 as 0.0, which Python then reads so.
 */
const STORAGE_FIELDS = "{\"title\": \"S3\", \"type\": \"object\", \"properties\": {\"bucket\": {\"type\": \"string\", \"default\": \"b\\u00e9\\ud83d\\ude00\"}, \"n\": {\"default\": 1.0}, \"m\": {\"default\": 1e-05}, \"k\": {\"default\": 1e16}, \"p\": {\"default\": 0.1}, \"big\": {\"default\": 123456789012345678901234567890}, \"neg\": {\"default\": -0.0}}, \"secret_fields\": [\"x\"], \"10\": 1, \"2\": 2, \"1\": [{\"secret_fields\": 3}], \"definitions\": {\"A\": {\"$ref\": \"#/definitions/B\", \"secret_fields\": []}, \"B\": {\"type\": \"string\"}, \"C\": {\"block_type_slug\": \"c\"}, \"D\": {\"unused\": true}}, \"allOf\": [{\"$ref\": \"#/definitions/A\"}, {\"$ref\": \"#/definitions/C\"}]}"
const LOCAL_FIELDS = "{\"title\": \"Local\", \"definitions\": {\"C\": {\"block_type_slug\": \"c\"}}, \"x\": {\"$ref\": \"#/definitions/C\"}}"
const CHECKSUMS = {
  sqlite: {
    s3v1: 'sha256:7aafc0f514d9933c088e79cead54487d1e0093ab31be7cd7f745b367053b8b90',
    s3v2: 'sha256:295598c7cee332aa6eadba78063ab3a6e3626dc5bab1ffc6f269216a2a3e8716',
    other: 'sha256:f8e6e96abbc38504d4e9c99fc57281fa0026bede1fa42db79f22f984501710f4',
  },
  postgresql: {
    s3v1: 'sha256:32ed4845b3b7ff4b8d44b708a6db177e8a4bbdb9e28dcc844015e9a2d5269812',
    s3v2: 'sha256:295598c7cee332aa6eadba78063ab3a6e3626dc5bab1ffc6f269216a2a3e8716',
    other: 'sha256:f8e6e96abbc38504d4e9c99fc57281fa0026bede1fa42db79f22f984501710f4',
  },
}

const IDS = {
  s3v1: '11111111-1111-4111-8111-111111111111',
  s3v2: '22222222-2222-4222-8222-222222222222',
  other: '33333333-3333-4333-8333-333333333333',
  docA: 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa',
  docB: 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb',
  docC: 'cccccccc-cccc-4ccc-8ccc-cccccccccccc',
}

async function location(dialect: TestDialect): Promise<string> {
  return dialect === 'sqlite' ? freshSqliteFile().file : (await freshPostgresDatabase()).url
}

async function seed(db: Knex): Promise<void> {
  await db('block_schema').insert([
    {id: IDS.s3v1, name: 'S3 Storage', version: '1.0', type: 'STORAGE', fields: STORAGE_FIELDS},
    {id: IDS.s3v2, name: 'S3 Storage', version: '2.0', type: 'STORAGE', fields: LOCAL_FIELDS},
    {id: IDS.other, name: 'Other', version: '1', fields: '{}'},
  ])
  await db('block_document').insert([
    {id: IDS.docA, name: 'a', block_schema_id: IDS.s3v1},
    {id: IDS.docB, name: 'b', block_schema_id: IDS.s3v2},
    {id: IDS.docC, name: 'a', block_schema_id: IDS.other},
  ])
}

describe('data migration b75d279ba985 / 1c9390e2f9c6: block schema checksums and block types', () => {
  forEachDialect((dialect) => {
    it("computes Prefect's checksums, makes one block type per schema name, types the documents, and restores names on down", async () => {
      const where = await location(dialect)
      const n = positionOf(dialect, REVISION[dialect])
      await buildReferenceDatabase(dialect, where, n - 1)
      const seeder = openKnex(dialect, where)
      try {
        await seed(seeder)
      } finally {
        await seeder.destroy()
      }

      const knex = openKnex(dialect, where)
      try {
        await runPosition(knex, dialect, n, 'up')
        const types = await knex('block_type').select('id', 'name').orderBy('name')
        assert.deepEqual(
          types.map((row) => row.name),
          ['Other', 'S3 Storage'],
        )
        const typeId = new Map(types.map((row) => [String(row.name), String(row.id)]))
        const schemas = new Map(
          (await knex('block_schema').select('id', 'checksum', 'block_type_id')).map((row) => [String(row.id), row]),
        )
        for (const key of ['s3v1', 's3v2', 'other'] as const) {
          assert.equal(schemas.get(IDS[key])!.checksum, CHECKSUMS[dialect][key], key)
        }

        assert.equal(String(schemas.get(IDS.s3v1)!.block_type_id), typeId.get('S3 Storage'))
        assert.equal(String(schemas.get(IDS.s3v2)!.block_type_id), typeId.get('S3 Storage'))
        assert.equal(String(schemas.get(IDS.other)!.block_type_id), typeId.get('Other'))
        const documents = new Map(
          (await knex('block_document').select('id', 'block_type_id')).map((row) => [String(row.id), String(row.block_type_id)]),
        )
        assert.equal(documents.get(IDS.docA), typeId.get('S3 Storage'))
        assert.equal(documents.get(IDS.docB), typeId.get('S3 Storage'))
        assert.equal(documents.get(IDS.docC), typeId.get('Other'))

        await runPosition(knex, dialect, n, 'down')
        const restored = new Map(
          (await knex('block_schema').select('id', 'name', 'version')).map((row) => [String(row.id), [row.name, row.version]]),
        )
        assert.deepEqual(restored.get(IDS.s3v1), ['S3 Storage', CHECKSUMS[dialect].s3v1])
        assert.deepEqual(restored.get(IDS.other), ['Other', CHECKSUMS[dialect].other])
        assert.equal(await knex.schema.hasTable('block_type'), false)
        assert.equal((await knex('block_document').count({n: '*'}))[0]!.n, dialect === 'sqlite' ? 3 : '3')
      } finally {
        await knex.destroy()
      }
    })

    it('fails, as Prefect does, when two schemas have the same checksum', async () => {
      const where = await location(dialect)
      const n = positionOf(dialect, REVISION[dialect])
      await buildReferenceDatabase(dialect, where, n - 1)
      const knex = openKnex(dialect, where)
      try {
        await knex('block_schema').insert([
          {id: IDS.s3v1, name: 'A', version: '1', fields: '{"x": 1}'},
          {id: IDS.s3v2, name: 'B', version: '1', fields: '{"x": 1, "secret_fields": ["y"]}'},
        ])
        await assert.rejects(runPosition(knex, dialect, n, 'up'), /unique|duplicate/i)
        assert.equal(await knex.schema.hasTable('block_type'), false)
      } finally {
        await knex.destroy()
      }
    })
  })
})
