import assert from 'node:assert/strict'
import crypto from 'node:crypto'

import type {Knex} from 'knex'

import {freshPostgresDatabase, freshSqliteFile} from '../../harness/databases.js'
import {buildReferenceDatabase} from '../../support/reference-db.js'
import {openKnex, positionOf, runPosition} from '../../support/run-revision.js'

// SQLite b9bda9f142f1 / PostgreSQL 0a1250a5aa25: work_pool.type becomes NOT NULL and
// default_queue_id moves from work_pool_queue to work_queue; flow_run and deployment trade
// work_pool_queue_id for an empty work_queue_id; the downgrade deletes every work pool.
const PAIRS = [
  {dialect: 'sqlite', revision: 'b9bda9f142f1'},
  {dialect: 'postgresql', revision: '0a1250a5aa25'},
] as const

type Dialect = (typeof PAIRS)[number]['dialect']

interface World {
  knex: Knex
  n: number
  ids: Record<'pool' | 'plainPool' | 'poolQueue' | 'queue' | 'flow' | 'run' | 'deployment', string>
}

async function setUp(dialect: Dialect, revision: string): Promise<World> {
  const location = dialect === 'sqlite' ? freshSqliteFile().file : (await freshPostgresDatabase()).url
  const n = positionOf(dialect, revision)
  await buildReferenceDatabase(dialect, location, n - 1)
  const knex = openKnex(dialect, location)
  const id = () => crypto.randomUUID()
  const ids: World['ids'] = {pool: id(), plainPool: id(), poolQueue: id(), queue: id(), flow: id(), run: id(), deployment: id()}
  // A pool of the 2.7.8-2.7.10 kind: its default queue in work_pool_queue, a worker.
  await knex('work_pool').insert([
    {id: ids.pool, name: 'pool', type: 'process'},
    {id: ids.plainPool, name: 'plain', type: 'kubernetes'},
  ])
  await knex('work_pool_queue').insert({id: ids.poolQueue, name: 'default', priority: 1, work_pool_id: ids.pool})
  await knex('work_pool').update({default_queue_id: ids.poolQueue}).where({id: ids.pool})
  await knex('worker').insert({name: 'w', work_pool_id: ids.pool})
  await knex('work_queue').insert({id: ids.queue, name: 'q'})
  await knex('flow').insert({id: ids.flow, name: 'f'})
  await knex('flow_run').insert({id: ids.run, name: 'r', flow_id: ids.flow, work_queue_name: 'q', work_pool_queue_id: ids.poolQueue})
  await knex('deployment').insert({id: ids.deployment, name: 'd', flow_id: ids.flow, work_queue_name: 'q', work_pool_queue_id: ids.poolQueue})
  return {knex, n, ids}
}

async function count(knex: Knex, table: string): Promise<number> {
  return Number(((await knex(table).count({n: '*'})) as Array<{n: unknown}>)[0].n)
}

for (const {dialect, revision} of PAIRS) {
  describe(`data migration ${revision} (${dialect}): work queues get a pool and a priority`, () => {
    it('keeps the pools (clearing a default queue id that named a work_pool_queue row), empties the new links; the downgrade deletes every pool', async () => {
      const {knex, n, ids} = await setUp(dialect, revision)
      try {
        await runPosition(knex, dialect, n, 'up')
        const pools = (await knex('work_pool').select('id', 'name', 'type', 'default_queue_id').orderBy('name')) as Array<Record<string, unknown>>
        assert.deepEqual(pools, [
          {id: ids.plainPool, name: 'plain', type: 'kubernetes', default_queue_id: null},
          {id: ids.pool, name: 'pool', type: 'process', default_queue_id: null},
        ])
        const queue = (await knex('work_queue').where({id: ids.queue}).first()) as Record<string, unknown>
        assert.equal(queue.name, 'q')
        assert.equal(Number(queue.priority), 1)
        assert.equal(queue.work_pool_id, null)
        const run = (await knex('flow_run').where({id: ids.run}).first()) as Record<string, unknown>
        assert.deepEqual([run.name, run.work_queue_name, run.work_queue_id, 'work_pool_queue_id' in run], ['r', 'q', null, false])
        const deployment = (await knex('deployment').where({id: ids.deployment}).first()) as Record<string, unknown>
        assert.deepEqual([deployment.name, deployment.work_queue_id, 'work_pool_queue_id' in deployment], ['d', null, false])
        assert.equal(await count(knex, 'worker'), 1)
        assert.equal(await count(knex, 'work_pool_queue'), 1)

        // A pool whose default queue is a work queue, as the next revisions make them.
        await knex('work_queue').update({work_pool_id: ids.plainPool}).where({id: ids.queue})
        await knex('work_pool').update({default_queue_id: ids.queue}).where({id: ids.plainPool})
        await runPosition(knex, dialect, n, 'down')
        assert.equal(await count(knex, 'work_pool'), 0)
        // Their workers and pool queues go with them (ON DELETE CASCADE; on SQLite done by hand).
        assert.equal(await count(knex, 'worker'), 0)
        assert.equal(await count(knex, 'work_pool_queue'), 0)
        const queueAfter = (await knex('work_queue').where({id: ids.queue}).first()) as Record<string, unknown>
        assert.deepEqual([queueAfter.name, 'priority' in queueAfter, 'work_pool_id' in queueAfter], ['q', false, false])
        const runAfter = (await knex('flow_run').where({id: ids.run}).first()) as Record<string, unknown>
        assert.deepEqual([runAfter.name, runAfter.work_pool_queue_id, 'work_queue_id' in runAfter], ['r', null, false])
        assert.equal(await count(knex, 'deployment'), 1)
      } finally {
        await knex.destroy()
      }
    })

    it('stops with the names of the work pools that have no type, changing nothing', async () => {
      const {knex, n, ids} = await setUp(dialect, revision)
      try {
        await knex('work_pool').insert({name: 'untyped'})
        await assert.rejects(runPosition(knex, dialect, n, 'up'), /Work pools without a type .*: untyped\./)
        const pool = (await knex('work_pool').where({id: ids.pool}).first()) as Record<string, unknown>
        assert.equal(pool.default_queue_id, ids.poolQueue)
        const run = (await knex('flow_run').where({id: ids.run}).first()) as Record<string, unknown>
        assert.equal(run.work_pool_queue_id, ids.poolQueue)
        const version = (await knex('alembic_version').first()) as {version_num: string}
        assert.notEqual(version.version_num, revision)
      } finally {
        await knex.destroy()
      }
    })
  })
}
