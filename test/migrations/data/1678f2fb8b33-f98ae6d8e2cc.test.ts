import assert from 'node:assert/strict'
import crypto from 'node:crypto'

import type {Knex} from 'knex'

import {freshPostgresDatabase, freshSqliteFile} from '../../harness/databases.js'
import {buildReferenceDatabase} from '../../support/reference-db.js'
import {entryAt, openKnex, positionOf, runPosition, runRevision} from '../../support/run-revision.js'

// SQLite 1678f2fb8b33 / PostgreSQL f98ae6d8e2cc: work queues without a pool move into a new
// default-agent-pool; flow runs and deployments get the queue id of their work_queue_name.
const PAIRS = [
  {dialect: 'sqlite', revision: '1678f2fb8b33'},
  {dialect: 'postgresql', revision: 'f98ae6d8e2cc'},
] as const

type Dialect = (typeof PAIRS)[number]['dialect']

const MANY = 260 // more flow runs of one queue than Prefect's batch of 250

interface World {
  knex: Knex
  n: number
  ids: Record<'otherPool' | 'qOther' | 'qA' | 'qB' | 'flow' | 'r1' | 'r2' | 'r3' | 'r4' | 'd1' | 'd2', string>
}

async function setUp(dialect: Dialect, revision: string): Promise<World> {
  const location = dialect === 'sqlite' ? freshSqliteFile().file : (await freshPostgresDatabase()).url
  const n = positionOf(dialect, revision)
  await buildReferenceDatabase(dialect, location, n - 1)
  const knex = openKnex(dialect, location)
  const id = () => crypto.randomUUID()
  const ids: World['ids'] = {
    otherPool: id(), qOther: id(), qA: id(), qB: id(), flow: id(), r1: id(), r2: id(), r3: id(), r4: id(), d1: id(), d2: id(),
  }
  // A pool made by hand at this point of the chain, with its queue, worker and agent.
  await knex('work_pool').insert({id: ids.otherPool, name: 'other-pool', type: 'process'})
  await knex('work_queue').insert({id: ids.qOther, name: 'q-other', work_pool_id: ids.otherPool})
  await knex('work_pool').update({default_queue_id: ids.qOther}).where({id: ids.otherPool})
  await knex('worker').insert({name: 'w1', work_pool_id: ids.otherPool})
  await knex('work_pool_queue').insert({name: 'legacy', priority: 1, work_pool_id: ids.otherPool})
  await knex('agent').insert({name: 'agent-other', work_queue_id: ids.qOther})
  // Queues from before work pools, in this order: q-a, q-b (no queue named 'default').
  await knex('work_queue').insert({id: ids.qA, name: 'q-a'})
  await knex('work_queue').insert({id: ids.qB, name: 'q-b'})
  await knex('agent').insert({name: 'agent-a', work_queue_id: ids.qA})

  await knex('flow').insert({id: ids.flow, name: 'f'})
  await knex('flow_run').insert([
    {id: ids.r1, name: 'r1', flow_id: ids.flow, work_queue_name: 'q-a'},
    {id: ids.r2, name: 'r2', flow_id: ids.flow, work_queue_name: 'q-b'},
    {id: ids.r3, name: 'r3', flow_id: ids.flow, work_queue_name: 'q-missing'},
    {id: ids.r4, name: 'r4', flow_id: ids.flow, work_queue_name: 'q-a', work_queue_id: ids.qOther},
  ])
  const bulk = Array.from({length: MANY}, (_, i) => ({name: `bulk${i}`, flow_id: ids.flow, work_queue_name: 'q-a'}))
  for (let i = 0; i < bulk.length; i += 100) await knex('flow_run').insert(bulk.slice(i, i + 100))
  await knex('deployment').insert([
    {id: ids.d1, name: 'd1', flow_id: ids.flow, work_queue_name: 'q-b'},
    {id: ids.d2, name: 'd2', flow_id: ids.flow, work_queue_name: null},
  ])
  return {knex, n, ids}
}

async function queues(knex: Knex): Promise<Map<string, {id: string; work_pool_id: string | null; priority: number}>> {
  const rows = (await knex('work_queue').select('id', 'name', 'work_pool_id', 'priority')) as Array<{id: string; name: string; work_pool_id: string | null; priority: number}>
  return new Map(rows.map((row) => [row.name, row]))
}

async function queueIdOf(knex: Knex, table: 'flow_run' | 'deployment', id: string): Promise<string | null> {
  const row = (await knex(table).select('work_queue_id').where({id}).first()) as {work_queue_id: string | null}
  return row.work_queue_id
}

for (const {dialect, revision} of PAIRS) {
  describe(`data migration ${revision} (${dialect}): work queue data migration`, () => {
    it('puts pool-less queues in default-agent-pool with a default queue, numbers them and fills the queue ids; the downgrade takes it back', async () => {
      const {knex, n, ids} = await setUp(dialect, revision)
      try {
        await runPosition(knex, dialect, n, 'up')

        const pools = (await knex('work_pool').select('id', 'name', 'type', 'default_queue_id').orderBy('name')) as Array<{id: string; name: string; type: string; default_queue_id: string}>
        assert.deepEqual(pools.map((pool) => [pool.name, pool.type]), [['default-agent-pool', 'prefect-agent'], ['other-pool', 'process']])
        const pool = pools[0]
        const byName = await queues(knex)
        assert.deepEqual([...byName.keys()].sort(), ['default', 'q-a', 'q-b', 'q-other'])
        assert.equal(pool.default_queue_id, byName.get('default')?.id)
        for (const name of ['default', 'q-a', 'q-b']) assert.equal(byName.get(name)?.work_pool_id, pool.id)
        assert.equal(byName.get('q-other')?.work_pool_id, ids.otherPool)
        assert.equal(pools[1].default_queue_id, ids.qOther)
        // Priorities in the order Prefect's unordered read sees the pool's queues: SQLite keeps
        // rowid order (q-a, q-b, then the new default); on PostgreSQL the new 'default' row comes
        // before the new versions of the rows the UPDATE moved into the pool.
        const priorities = ['q-a', 'q-b', 'default'].map((name) => byName.get(name)?.priority)
        assert.deepEqual(priorities, dialect === 'sqlite' ? [1, 2, 3] : [2, 3, 1])
        assert.equal(byName.get('q-other')?.priority, 1)

        assert.equal(await queueIdOf(knex, 'flow_run', ids.r1), ids.qA)
        assert.equal(await queueIdOf(knex, 'flow_run', ids.r2), ids.qB)
        assert.equal(await queueIdOf(knex, 'flow_run', ids.r3), null)
        assert.equal(await queueIdOf(knex, 'flow_run', ids.r4), ids.qOther)
        const bulk = (await knex('flow_run').select('work_queue_id').where('name', 'like', 'bulk%')) as Array<{work_queue_id: string}>
        assert.equal(bulk.length, MANY)
        assert.ok(bulk.every((row) => row.work_queue_id === ids.qA), 'every flow run of q-a, past the first 250, gets its id')
        assert.equal(await queueIdOf(knex, 'deployment', ids.d1), ids.qB)
        assert.equal(await queueIdOf(knex, 'deployment', ids.d2), null)

        // Names are now unique per pool only.
        await knex('work_queue').insert({name: 'q-a', work_pool_id: ids.otherPool})
        await knex('work_queue').where({name: 'q-a', work_pool_id: ids.otherPool}).del()

        // Running it again (as after a kill before it was recorded) changes nothing.
        await runRevision(knex, dialect, await entryAt(dialect, n).load(), 'up')
        assert.deepEqual(await queues(knex), byName)
        assert.equal(((await knex('work_pool').count({c: '*'})) as Array<{c: number | string}>)[0].c.toString(), '2')

        await runPosition(knex, dialect, n, 'down')
        const after = await queues(knex)
        assert.deepEqual([...after.keys()].sort(), ['default', 'q-a', 'q-b'])
        for (const queue of after.values()) assert.equal(queue.work_pool_id, null)
        assert.equal(after.get('q-a')?.id, ids.qA)
        for (const table of ['work_pool', 'worker', 'work_pool_queue']) {
          assert.equal(((await knex(table).count({c: '*'})) as Array<{c: number | string}>)[0].c.toString(), '0', table)
        }
        const agents = (await knex('agent').select('name')) as Array<{name: string}>
        assert.deepEqual(agents.map((agent) => agent.name), ['agent-a'])
        const withQueue = (await knex('flow_run').whereNotNull('work_queue_id').count({c: '*'})) as Array<{c: number | string}>
        assert.equal(withQueue[0].c.toString(), '0')
        assert.equal(await queueIdOf(knex, 'deployment', ids.d1), null)
        // Names are unique across all queues again.
        await assert.rejects(knex('work_queue').insert({name: 'q-a'}))
      } finally {
        await knex.destroy()
      }
    })

    it('changes no rows when every queue already has a pool', async () => {
      const location = dialect === 'sqlite' ? freshSqliteFile().file : (await freshPostgresDatabase()).url
      const n = positionOf(dialect, revision)
      await buildReferenceDatabase(dialect, location, n - 1)
      const knex = openKnex(dialect, location)
      try {
        const poolId = crypto.randomUUID()
        await knex('work_pool').insert({id: poolId, name: 'p', type: 'process'})
        await knex('work_queue').insert({name: 'q', work_pool_id: poolId, priority: 7})
        await runPosition(knex, dialect, n, 'up')
        assert.deepEqual(((await knex('work_pool').select('name')) as Array<{name: string}>).map((row) => row.name), ['p'])
        const rows = (await knex('work_queue').select('name', 'priority', 'work_pool_id')) as unknown[]
        assert.deepEqual(rows, [{name: 'q', priority: 7, work_pool_id: poolId}])
      } finally {
        await knex.destroy()
      }
    })
  })
}
