import assert from 'node:assert/strict'

import {dumpSchema, formatSchemaDump} from '../../src/db/schema-dump.js'
import {checkConstraints} from '../../src/db/schema-dump-sqlite.js'
import {forEachDialect} from '../harness/databases.js'
import {freshDatabase} from './apply.js'

const text = async (db: Awaited<ReturnType<typeof freshDatabase>>, exclude?: string[]): Promise<string> =>
  formatSchemaDump(await dumpSchema(db.knex, db.dialect, {exclude}))

describe('the schema dump', () => {
  forEachDialect((dialect) => {
    it('reports columns, keys, checks and partial indexes, and leaves excluded tables out', async () => {
      const db = await freshDatabase(dialect)
      try {
        await db.knex.raw('CREATE TABLE parent (id INTEGER NOT NULL, CONSTRAINT pk_parent PRIMARY KEY (id))')
        await db.knex.raw(`CREATE TABLE child (
          id INTEGER NOT NULL, parent_id INTEGER, kind VARCHAR(10) DEFAULT 'a',
          CONSTRAINT pk_child PRIMARY KEY (id),
          CONSTRAINT fk_child__parent_id__parent FOREIGN KEY (parent_id) REFERENCES parent (id) ON DELETE SET NULL,
          CONSTRAINT ck_child__kind CHECK (kind IN ('a', 'b')))`)
        await db.knex.raw("CREATE INDEX ix_child__kind ON child (kind DESC) WHERE kind = 'b'")
        await db.knex.raw('CREATE TABLE prefect_migrations (id INTEGER)')
        const dump = await text(db, ['prefect_migrations'])
        assert.doesNotMatch(dump, /prefect_migrations/)
        assert.match(dump, /^ {2}column kind (VARCHAR\(10\)|character varying\(10\)) NULL DEFAULT 'a'/m)
        assert.match(dump, /primary pk_child PRIMARY KEY \(id\)/)
        assert.match(dump, /foreign fk_child__parent_id__parent FOREIGN KEY \(parent_id\) REFERENCES parent\(id\) ON DELETE SET NULL/)
        assert.match(dump, /check ck_child__kind CHECK/)
        assert.match(dump, /index ix_child__kind btree \(kind DESC\) WHERE/)

        const before = dump
        await db.knex.raw('DROP INDEX ix_child__kind')
        assert.notEqual(await text(db, ['prefect_migrations']), before)
      } finally {
        await db.knex.destroy()
      }
    })
  })

  it('lists native enum types with their labels in order on PostgreSQL', async () => {
    const db = await freshDatabase('postgresql')
    try {
      await db.knex.raw("CREATE TYPE light AS ENUM ('RED', 'AMBER', 'GREEN')")
      assert.match(await text(db), /^enum light \(RED, AMBER, GREEN\)$/m)
    } finally {
      await db.knex.destroy()
    }
  })

  it('finds named and unnamed CHECKs in SQLite table SQL, ignoring the word inside strings', () => {
    const checks = checkConstraints(
      "CREATE TABLE t (a TEXT DEFAULT 'check (x)' CHECK (a <> ''), b INT, CONSTRAINT ck_t__b CHECK ((b > 0) AND (b < 10)))",
    )
    assert.deepEqual(checks, [
      {name: null, kind: 'check', definition: "CHECK (a <> '')"},
      {name: 'ck_t__b', kind: 'check', definition: 'CHECK ((b > 0) AND (b < 10))'},
    ])
  })
})
