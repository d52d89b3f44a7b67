import assert from 'node:assert/strict'
import crypto from 'node:crypto'

import type {Knex} from 'knex'

import {adminQuery, freshPostgresDatabase, freshSqliteFile} from '../../harness/databases.js'
import {buildReferenceDatabase} from '../../support/reference-db.js'
import {openKnex, positionOf, runPosition} from '../../support/run-revision.js'

type Dialect = 'sqlite' | 'postgresql'
const REVISIONS = {sqlite: 'f335f9633eec', postgresql: '4ff2f2bf81f4'} as const

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

// Schemas as Prefect stored them, and what its migration (Python: python-slugify, json.dumps,
// Block._calculate_schema_checksum) makes of them; expected values computed with Python.
const DATE_TIME_FIELDS =
  '{"title": "DateTime", "type": "object", "properties": {"value": {"title": "Value", "type": "string", "format": "date-time", "default": 1.0}}, "required": ["value"], "block_type_name": "Date Time", "secret_fields": [], "block_schema_references": {}}'
const DATE_TIME_AFTER =
  '{"title": "DateTime", "type": "object", "properties": {"value": {"title": "Value", "type": "string", "format": "date-time", "default": 1.0}}, "required": ["value"], "block_type_slug": "date-time", "secret_fields": [], "block_schema_references": {}}'
const DATE_TIME_CHECKSUM = 'sha256:bbf5aec0c05093a7a86352c4dfec46c8bf90eb7f5a09bb95ee857bef9377037f'
// Nested block_type_name stays; definitions: secret_fields out, the unreferenced one out of the checksum.
const CUSTOM_FIELDS =
  '{"title": "X", "block_type_name": "Joe\'s  Custom_Block!", "properties": {"child": {"$ref": "#/definitions/Child"}, "blk": {"$ref": "#/definitions/Blk"}}, "definitions": {"Child": {"title": "Child", "properties": {"n": {"type": "integer", "default": 10, "ratio": 2.50, "big": 1e20, "label": "caf\\u00e9"}}}, "Blk": {"title": "Blk", "block_type_name": "Other"}, "Unused": {"title": "U"}}, "secret_fields": ["x"]}'
const CUSTOM_AFTER_SQLITE =
  '{"title": "X", "block_type_slug": "joe-s-custom-block", "properties": {"child": {"$ref": "#/definitions/Child"}, "blk": {"$ref": "#/definitions/Blk"}}, "definitions": {"Child": {"title": "Child", "properties": {"n": {"type": "integer", "default": 10, "ratio": 2.5, "big": 1e+20, "label": "caf\\u00e9"}}}, "Blk": {"title": "Blk", "block_type_name": "Other"}, "Unused": {"title": "U"}}, "secret_fields": ["x"]}'
// PostgreSQL's jsonb gives 1e20 back as 100000000000000000000, which Python reads as an int.
const CUSTOM_CHECKSUM = {
  sqlite: 'sha256:04cfad3c8ed741331b8b14ee0f36b91ef4b11f8084f994a96b931b1808126ba1',
  postgresql: 'sha256:ae68aae144deca8653a93a525cb7d4f091256c7fcd248837eb576e8e18d1afd4',
}

for (const dialect of ['sqlite', 'postgresql'] as const) {
  describe(`data migration ${REVISIONS[dialect]} (${dialect}): block type slugs`, () => {
    it('gives block types their slugs and rewrites their schemas with new checksums', async () => {
      await belowRevision(dialect, async (knex, n) => {
        const id = () => crypto.randomUUID()
        const [dateTime, custom, unicode, dateSchema, customSchema] = [id(), id(), id(), id(), id()]
        await knex('block_type').insert([
          {id: dateTime, name: 'Date Time'},
          {id: custom, name: "Joe's  Custom_Block!"},
          {id: unicode, name: 'Ünïcode Name'},
        ])
        await knex('block_schema').insert([
          {id: dateSchema, checksum: 'sha256:old-date', block_type_id: dateTime, fields: DATE_TIME_FIELDS, capabilities: '[]'},
          {id: customSchema, checksum: 'sha256:old-custom', block_type_id: custom, fields: CUSTOM_FIELDS, capabilities: '[]'},
        ])

        await runPosition(knex, dialect, n, 'up')

        const slugs = new Map((await knex('block_type').select('id', 'slug')).map((row) => [row.id as string, row.slug as string]))
        assert.equal(slugs.get(dateTime), 'date-time')
        assert.equal(slugs.get(custom), 'joe-s-custom-block')
        assert.equal(slugs.get(unicode), 'unicode-name')
        const schemas = new Map((await knex('block_schema').select('id', 'fields', 'checksum')).map((row) => [row.id as string, row]))
        assert.equal(schemas.get(dateSchema)!.checksum, DATE_TIME_CHECKSUM)
        assert.equal(schemas.get(customSchema)!.checksum, CUSTOM_CHECKSUM[dialect])
        if (dialect === 'sqlite') {
          assert.equal(schemas.get(dateSchema)!.fields, DATE_TIME_AFTER)
          assert.equal(schemas.get(customSchema)!.fields, CUSTOM_AFTER_SQLITE)
        } else {
          assert.deepEqual(schemas.get(dateSchema)!.fields, JSON.parse(DATE_TIME_AFTER))
          assert.deepEqual(schemas.get(customSchema)!.fields, JSON.parse(CUSTOM_AFTER_SQLITE))
        }

        await runPosition(knex, dialect, n, 'down')
        // The downgrade drops the slugs only; schemas stay rewritten, as with Prefect's.
        assert.equal((await knex('block_schema').where({id: dateSchema}).first()).checksum, DATE_TIME_CHECKSUM)
      })
    })

    it('fails when two block type names make the same slug', async () => {
      await belowRevision(dialect, async (knex, n) => {
        await knex('block_type').insert([
          {id: crypto.randomUUID(), name: 'My Block'},
          {id: crypto.randomUUID(), name: 'my-block'},
        ])
        await assert.rejects(runPosition(knex, dialect, n, 'up'), /unique|UNIQUE/)
        assert.equal((await knex('block_type').select('name')).length, 2)
      })
    })
  })
}
