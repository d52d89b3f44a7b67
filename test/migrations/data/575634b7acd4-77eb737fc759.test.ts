import assert from 'node:assert/strict'
import crypto from 'node:crypto'

import type {Knex} from 'knex'

import {adminQuery, freshPostgresDatabase, freshSqliteFile} from '../../harness/databases.js'
import {buildReferenceDatabase} from '../../support/reference-db.js'
import {openKnex, positionOf, runPosition} from '../../support/run-revision.js'

type Dialect = 'sqlite' | 'postgresql'
const REVISIONS = {sqlite: '575634b7acd4', postgresql: '77eb737fc759'} as const

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

for (const dialect of ['sqlite', 'postgresql'] as const) {
  describe(`data migration ${REVISIONS[dialect]} (${dialect}): work queue filter becomes optional`, () => {
    it('keeps filters on the way up and gives queues without one the empty filter on the way down', async () => {
      await belowRevision(dialect, async (knex, n) => {
        const [kept, cleared] = [crypto.randomUUID(), crypto.randomUUID()]
        await knex('work_queue').insert([
          {id: kept, name: 'kept', filter: '{"tags": ["a"]}'},
          {id: cleared, name: 'cleared', filter: '{}'},
        ])

        await runPosition(knex, dialect, n, 'up')

        const filter = async (id: string) => {
          const value = (await knex('work_queue').where({id}).first()).filter as unknown
          return typeof value === 'string' ? (JSON.parse(value) as unknown) : value
        }

        assert.deepEqual(await filter(kept), {tags: ['a']})
        await knex('work_queue').where({id: cleared}).update({filter: null})
        await knex('work_queue').insert({id: crypto.randomUUID(), name: 'new'})
        assert.equal(await filter(cleared), null)

        await runPosition(knex, dialect, n, 'down')

        assert.deepEqual(await filter(kept), {tags: ['a']})
        assert.deepEqual(await filter(cleared), {})
        const created = (await knex('work_queue').where({name: 'new'}).first()).filter as unknown
        assert.deepEqual(typeof created === 'string' ? JSON.parse(created) : created, {})
      })
    })
  })
}
