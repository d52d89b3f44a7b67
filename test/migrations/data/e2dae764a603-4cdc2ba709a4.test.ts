import assert from 'node:assert/strict'
import crypto from 'node:crypto'

import {adminQuery, freshPostgresDatabase, freshSqliteFile} from '../../harness/databases.js'
import {buildReferenceDatabase} from '../../support/reference-db.js'
import {openKnex, positionOf, runPosition} from '../../support/run-revision.js'

const REVISIONS = {sqlite: 'e2dae764a603', postgresql: '4cdc2ba709a4'} as const
const S3_OLD = 'sha256:3ffda32926202a34fc30d7618e4792f71088d37fbcf92c18d070104ca6da7431'
const S3_NEW = 'sha256:68ed6efe6ab724c5f36519803012af68a22965eccfa5944c94fa809b8b9a6e04'
const AZURE_OLD = 'sha256:4488e8f7d196f7627e3ead24ca136860f0a54d54f6c98533cf3ef2f4ba9cf51b'
const AZURE_NEW = 'sha256:2aef5e384a1f4a2d8dd0ff8c3b96d2c5eb5852462078b6915f7d756847341a42'
// What Python's json.dumps writes for the new S3 schema (SQLite stores this text).
const S3_FIELDS_TEXT =
  '{"title": "S3StorageBlock", "description": "Store data in an AWS S3 bucket.", "type": "object", "properties": {"bucket": {"title": "Bucket", "type": "string"}, "aws_access_key_id": {"title": "Aws Access Key Id", "type": "string"}, "aws_secret_access_key": {"title": "Aws Secret Access Key", "type": "string", "writeOnly": true, "format": "password"}, "aws_session_token": {"title": "Aws Session Token", "type": "string"}, "profile_name": {"title": "Profile Name", "type": "string"}, "region_name": {"title": "Region Name", "type": "string"}}, "required": ["bucket"], "block_type_name": "S3 Storage", "secret_fields": ["aws_secret_access_key"], "block_schema_references": {}}'
const CAPABILITIES_TEXT = '["readable", "storage", "writeable"]'

for (const dialect of ['sqlite', 'postgresql'] as const) {
  describe(`data migration ${REVISIONS[dialect]} (${dialect}): storage block schemas with secret fields`, () => {
    it('moves documents to the new schemas, adding the S3 one, and deletes the old ones', async () => {
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
        const id = () => crypto.randomUUID()
        const [s3Type, azureType, otherType] = [id(), id(), id()]
        const [s3Old, azureOld, azureNew, otherSchema] = [id(), id(), id(), id()]
        const [s3Doc, azureDoc, otherDoc] = [id(), id(), id()]
        await knex('block_type').insert([
          {id: s3Type, name: 'S3 Storage'},
          {id: azureType, name: 'Azure Blob Storage'},
          {id: otherType, name: 'Other'},
        ])
        await knex('block_schema').insert([
          {id: s3Old, checksum: S3_OLD, block_type_id: s3Type, fields: '{}', capabilities: '[]'},
          {id: azureOld, checksum: AZURE_OLD, block_type_id: azureType, fields: '{}', capabilities: '[]'},
          {id: azureNew, checksum: AZURE_NEW, block_type_id: azureType, fields: '{"kept": true}', capabilities: '[]'},
          {id: otherSchema, checksum: 'sha256:other', block_type_id: otherType, fields: '{}', capabilities: '[]'},
        ])
        await knex('block_schema_reference').insert({id: id(), name: 'ref', parent_block_schema_id: otherSchema, reference_block_schema_id: s3Old})
        await knex('block_document').insert([
          {id: s3Doc, name: 's3', block_schema_id: s3Old, block_type_id: s3Type, data: '{}'},
          {id: azureDoc, name: 'azure', block_schema_id: azureOld, block_type_id: azureType, data: '{}'},
          {id: otherDoc, name: 'other', block_schema_id: otherSchema, block_type_id: otherType, data: '{}'},
        ])

        await runPosition(knex, dialect, n, 'up')

        const schemas = await knex('block_schema').select('id', 'checksum', 'block_type_id', 'fields', 'capabilities')
        const byChecksum = new Map(schemas.map((row) => [row.checksum as string, row]))
        assert.deepEqual([...byChecksum.keys()].sort(), [AZURE_NEW, S3_NEW, 'sha256:other'].sort())
        const s3New = byChecksum.get(S3_NEW)!
        assert.equal(s3New.block_type_id, s3Type)
        if (dialect === 'sqlite') {
          assert.equal(s3New.fields, S3_FIELDS_TEXT)
          assert.equal(s3New.capabilities, CAPABILITIES_TEXT)
        } else {
          assert.deepEqual(s3New.fields, JSON.parse(S3_FIELDS_TEXT))
          assert.deepEqual(s3New.capabilities, JSON.parse(CAPABILITIES_TEXT))
        }

        // The Azure schema already there is used as it is.
        assert.equal(byChecksum.get(AZURE_NEW)!.id, azureNew)
        const docs = new Map((await knex('block_document').select('id', 'block_schema_id')).map((row) => [row.id as string, row.block_schema_id as string]))
        assert.equal(docs.get(s3Doc), s3New.id)
        assert.equal(docs.get(azureDoc), azureNew)
        assert.equal(docs.get(otherDoc), otherSchema)
        // A reference to a deleted schema goes with it (ON DELETE CASCADE, applied on SQLite too).
        assert.equal(Number((await knex('block_schema_reference').count({n: '*'}))[0].n), 0)

        await runPosition(knex, dialect, n, 'down')
        assert.equal((await knex('block_schema').where({checksum: S3_NEW})).length, 1, 'the downgrade moves nothing back')
      } finally {
        await knex.destroy()
        await dropDatabase?.()
      }
    })

    it('does nothing where the block type or the old schema is missing', async () => {
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
        const typeId = crypto.randomUUID()
        await knex('block_type').insert({id: typeId, name: 'S3 Storage'})
        await knex('block_schema').insert({id: crypto.randomUUID(), checksum: 'sha256:unrelated', block_type_id: typeId, fields: '{}', capabilities: '[]'})
        await runPosition(knex, dialect, n, 'up')
        const checksums = (await knex('block_schema').select('checksum')).map((row) => row.checksum as string)
        assert.deepEqual(checksums, ['sha256:unrelated'])
      } finally {
        await knex.destroy()
        await dropDatabase?.()
      }
    })
  })
}
