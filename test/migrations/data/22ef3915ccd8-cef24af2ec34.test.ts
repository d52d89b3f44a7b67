import assert from 'node:assert/strict'
import crypto from 'node:crypto'

import type {Knex} from 'knex'

import {freshPostgresDatabase, freshSqliteFile} from '../../harness/databases.js'
import {buildReferenceDatabase} from '../../support/reference-db.js'
import {entryAt, openKnex, positionOf, runPosition, runRevision} from '../../support/run-revision.js'

// SQLite 22ef3915ccd8 / PostgreSQL cef24af2ec34: block_document.block_type_name is filled from
// the document's block type (on PostgreSQL the same revision adds the column).
const PAIRS = [
  {dialect: 'sqlite', revision: '22ef3915ccd8'},
  {dialect: 'postgresql', revision: 'cef24af2ec34'},
] as const

const MANY = 1100 // more than two of Prefect's batches of 500

async function names(knex: Knex): Promise<Map<string, string | null>> {
  const rows = (await knex('block_document').select('name', 'block_type_name')) as Array<{name: string; block_type_name: string | null}>
  return new Map(rows.map((row) => [row.name, row.block_type_name]))
}

for (const {dialect, revision} of PAIRS) {
  describe(`data migration ${revision} (${dialect}): backfill block_type_name`, () => {
    it("fills every document's block_type_name from its block type and keeps names already set", async () => {
      const location = dialect === 'sqlite' ? freshSqliteFile().file : (await freshPostgresDatabase()).url
      const n = positionOf(dialect, revision)
      await buildReferenceDatabase(dialect, location, n - 1)
      const knex = openKnex(dialect, location)
      try {
        const types = [
          {id: crypto.randomUUID(), name: 'S3 Bucket', slug: 's3-bucket'},
          {id: crypto.randomUUID(), name: 'Secret', slug: 'secret'},
        ]
        await knex('block_type').insert(types)
        const schemas = types.map((type) => ({id: crypto.randomUUID(), checksum: `sha256:${type.slug}`, block_type_id: type.id}))
        await knex('block_schema').insert(schemas)
        const documents = Array.from({length: MANY}, (_, i) => ({name: `doc${i}`, block_type_id: types[i % 2].id, block_schema_id: schemas[i % 2].id}))
        for (let i = 0; i < documents.length; i += 200) await knex('block_document').insert(documents.slice(i, i + 200))
        if (dialect === 'sqlite') {
          // The column exists since cef24af2ec34 on SQLite; a name written meanwhile stays.
          await knex('block_document').insert({name: 'preset', block_type_id: types[0].id, block_schema_id: schemas[0].id, block_type_name: 'kept'})
        }

        await runPosition(knex, dialect, n, 'up')
        const filled = await names(knex)
        for (let i = 0; i < MANY; i++) assert.equal(filled.get(`doc${i}`), types[i % 2].name, `doc${i}`)
        if (dialect === 'sqlite') assert.equal(filled.get('preset'), 'kept')

        // Again, as after a kill before it was recorded: the same rows.
        await runRevision(knex, dialect, await entryAt(dialect, n).load(), 'up')
        assert.deepEqual(await names(knex), filled)

        await runPosition(knex, dialect, n, 'down')
        if (dialect === 'sqlite') {
          // Only the index goes; the column (and its names) go with cef24af2ec34's downgrade.
          assert.deepEqual(await names(knex), filled)
        } else {
          assert.equal(await knex.schema.hasColumn('block_document', 'block_type_name'), false)
          assert.equal(((await knex('block_document').count({c: '*'})) as Array<{c: string}>)[0].c.toString(), String(MANY))
        }
      } finally {
        await knex.destroy()
      }
    })
  })
}
