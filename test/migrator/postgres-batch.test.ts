import assert from 'node:assert/strict'

import {postgresqlChain} from '../../src/migrations/postgresql/index.js'
import type {Revision} from '../../src/migrations/types.js'
import {PostgresBatcher} from '../../src/migrator/batch.js'
import {upgrade} from '../../src/migrator/index.js'
import {freshTarget, query, recorded, tables} from './fixtures.js'

const COUNT = 'cccc00000001'
const DEPENDS = 'cccc00000002'
const FAILS = 'cccc00000003'

/**
 * A chain whose second revision decides its DDL from what it reads: recorded without a
 * database it would read no rows and create `seen_0`. Run live, as it must be, it sees the two
 * rows the first revision inserted and creates `seen_2`.
 */
const readingChain: Revision[] = [
  {
    revision: COUNT,
    downRevision: null,
    message: 'a table with two rows',
    transaction: true,
    async up({knex}) {
      await knex.schema.createTable('counted', (t) => t.integer('n'))
      await knex('counted').insert([{n: 1}, {n: 2}])
    },
    async down({knex}) {
      await knex.schema.dropTable('counted')
    },
  },
  {
    revision: DEPENDS,
    downRevision: COUNT,
    message: 'DDL chosen from what it reads',
    transaction: true,
    async up({knex}) {
      const rows = await knex('counted').select('n')
      await knex.schema.createTable(`seen_${rows.length}`, (t) => t.integer('id'))
    },
    async down({knex}) {
      await knex.raw('DROP TABLE IF EXISTS seen_0, seen_2')
    },
  },
]

describe('PostgreSQL revisions sent as one batch', () => {
  it('records every transactional revision of the chain, both ways, without a database, except those that read rows', async () => {
    // These read rows (checksums and slugs computed in TypeScript, enum labels still in use, the
    // work pools to create): their SQL depends on the data, so they run live, statement by statement.
    const LIVE = [
      '1c9390e2f9c6 upgrade', '2fe6fe6ca16e upgrade', '4cdc2ba709a4 upgrade', '4ff2f2bf81f4 upgrade', '5e4f924ff96c downgrade',
      '9326a6aee18b downgrade', '0a1250a5aa25 upgrade', '05ea6f882b1d downgrade', '94622c1663e8 downgrade', '7495a5013e7e upgrade',
    ]
    const batcher = new PostgresBatcher()
    try {
      const revisions = await Promise.all(postgresqlChain.map((entry) => entry.load()))
      const live: string[] = []
      const empty: string[] = []
      for (const revision of revisions.filter((r) => r.transaction === true)) {
        for (const direction of ['upgrade', 'downgrade'] as const) {
          const statements = await batcher.statements(revision, direction)
          if (statements === null) live.push(`${revision.revision} ${direction}`)
          else if (statements.length === 0) empty.push(`${revision.revision} ${direction}`)
        }
      }

      assert.deepEqual(live, LIVE)
      // Data migrations whose downgrade, as Prefect's, changes nothing (deleted block types and
      // migrated schemas are not brought back).
      assert.deepEqual(empty, ['4cdc2ba709a4 downgrade', 'e905fd199258 downgrade', 'bb4dc90d3e29 downgrade'])

      const initial = (await batcher.statements(revisions[0], 'upgrade'))!.join(';\n')
      for (const table of ['flow', 'flow_run', 'task_run', 'deployment']) assert.match(initial, new RegExp(`create table "?${table}"? `, 'i'))
    } finally {
      await batcher.destroy()
    }
  })

  it('leaves to live execution a revision that reads, sends parameters or fails while recorded', async () => {
    const batcher = new PostgresBatcher()
    const failing: Revision = {...readingChain[0], revision: FAILS, async up() {
      throw new Error('cannot be recorded')
    }}
    try {
      assert.equal(await batcher.statements(readingChain[0], 'upgrade'), null, 'an insert with parameters')
      assert.equal(await batcher.statements(readingChain[1], 'upgrade'), null, 'a select')
      assert.equal(await batcher.statements(failing, 'upgrade'), null, 'an error')
      assert.notEqual(await batcher.statements(readingChain[1], 'downgrade'), null, 'plain DDL')
    } finally {
      await batcher.destroy()
    }
  })

  it('runs a reading revision live, so its DDL follows the rows it read', async () => {
    const db = await freshTarget('postgresql')
    await upgrade(db.target, {revisions: readingChain})
    const names = await tables(db)
    assert.ok(names.includes('seen_2'), names.join(', '))
    assert.ok(!names.includes('seen_0'), names.join(', '))
    assert.deepEqual(await recorded(db), [COUNT, DEPENDS])
    assert.deepEqual(await query(db, 'SELECT count(*)::int AS n FROM counted'), [{n: 2}])
  })

  it('keeps a batched revision and its record row in one transaction: a failing batch leaves neither', async () => {
    const db = await freshTarget('postgresql')
    const chain: Revision[] = [
      readingChain[0],
      {
        revision: FAILS,
        downRevision: COUNT,
        message: 'plain DDL that fails half-way',
        transaction: true,
        async up({knex}) {
          await knex.schema.createTable('half_way', (t) => t.integer('id'))
          await knex.raw('CREATE INDEX ix_missing ON no_such_table (id)')
        },
        async down({knex}) {
          await knex.schema.dropTable('half_way')
        },
      },
    ]
    await assert.rejects(upgrade(db.target, {revisions: chain}), /cccc00000003.*no_such_table/s)
    assert.ok(!(await tables(db)).includes('half_way'))
    assert.deepEqual(await recorded(db), [COUNT])
  })

  it('sends the recorded SQL as knex would: an escaped \\? stays a question mark, a trailing comment ends nothing else', async () => {
    const db = await freshTarget('postgresql')
    const chain: Revision[] = [
      {
        revision: 'cccc00000004',
        downRevision: null,
        message: 'a literal question mark and a trailing comment',
        transaction: true,
        async up({knex}) {
          await knex.raw("CREATE TABLE asked (s text DEFAULT 'why\\?') -- a note at the end")
          await knex.raw('CREATE TABLE after_note (id integer)')
        },
        async down({knex}) {
          await knex.raw('DROP TABLE after_note, asked')
        },
      },
    ]
    const batcher = new PostgresBatcher()
    try {
      assert.notEqual(await batcher.statements(chain[0], 'upgrade'), null, 'batched')
    } finally {
      await batcher.destroy()
    }

    await upgrade(db.target, {revisions: chain})
    assert.ok((await tables(db)).includes('after_note'))
    await query(db, 'INSERT INTO asked DEFAULT VALUES')
    assert.deepEqual(await query(db, 'SELECT s FROM asked'), [{s: 'why?'}])
  })
})

