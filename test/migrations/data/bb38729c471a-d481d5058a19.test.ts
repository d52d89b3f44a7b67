import assert from 'node:assert/strict'
import crypto from 'node:crypto'

import type {Knex} from 'knex'

import {freshPostgresDatabase, freshSqliteFile} from '../../harness/databases.js'
import {buildReferenceDatabase} from '../../support/reference-db.js'
import {openKnex, positionOf, runPosition} from '../../support/run-revision.js'

// SQLite bb38729c471a / PostgreSQL d481d5058a19 replace worker_pool, worker and worker_pool_queue
// by empty work_pool, worker and work_pool_queue tables (Prefect's note: destructive for anyone
// who created a worker), and the flow_run / deployment links by empty ones; the downgrade does
// the same the other way. Flow runs and deployments themselves are kept.
const PAIRS = [
  {dialect: 'sqlite', revision: 'bb38729c471a'},
  {dialect: 'postgresql', revision: 'd481d5058a19'},
] as const

async function count(knex: Knex, table: string): Promise<number> {
  return Number(((await knex(table).count({n: '*'})) as Array<{n: unknown}>)[0].n)
}

for (const {dialect, revision} of PAIRS) {
  describe(`data migration ${revision} (${dialect}): worker pools to work pools`, () => {
    it('starts the new tables empty and empties the links both ways, keeping every flow run and deployment', async () => {
      const location = dialect === 'sqlite' ? freshSqliteFile().file : (await freshPostgresDatabase()).url
      const n = positionOf(dialect, revision)
      await buildReferenceDatabase(dialect, location, n - 1)
      const knex = openKnex(dialect, location)
      try {
        const id = () => crypto.randomUUID()
        const [flow, run, deployment, pool, queue] = [id(), id(), id(), id(), id()]
        await knex('flow').insert({id: flow, name: 'f'})
        await knex('worker_pool').insert({id: pool, name: 'p', type: 'process'})
        await knex('worker_pool_queue').insert({id: queue, name: 'default', priority: 1, worker_pool_id: pool})
        await knex('worker').insert({name: 'w', worker_pool_id: pool})
        await knex('deployment').insert({id: deployment, name: 'd', flow_id: flow, worker_pool_queue_id: queue})
        await knex('flow_run').insert({id: run, name: 'r', flow_id: flow, deployment_id: deployment, worker_pool_queue_id: queue})

        await runPosition(knex, dialect, n, 'up')
        assert.equal(await knex.schema.hasTable('worker_pool'), false)
        assert.deepEqual([await count(knex, 'work_pool'), await count(knex, 'work_pool_queue'), await count(knex, 'worker')], [0, 0, 0])
        const runRow = (await knex('flow_run').where({id: run}).first()) as Record<string, unknown>
        assert.deepEqual([runRow.name, runRow.deployment_id, runRow.work_pool_queue_id, 'worker_pool_queue_id' in runRow], ['r', deployment, null, false])
        const deploymentRow = (await knex('deployment').where({id: deployment}).first()) as Record<string, unknown>
        assert.deepEqual([deploymentRow.name, deploymentRow.work_pool_queue_id], ['d', null])

        const [newPool, newQueue] = [id(), id()]
        await knex('work_pool').insert({id: newPool, name: 'p2', type: 'process'})
        await knex('work_pool_queue').insert({id: newQueue, name: 'default', priority: 1, work_pool_id: newPool})
        await knex('flow_run').update({work_pool_queue_id: newQueue}).where({id: run})

        await runPosition(knex, dialect, n, 'down')
        assert.equal(await knex.schema.hasTable('work_pool'), false)
        assert.deepEqual([await count(knex, 'worker_pool'), await count(knex, 'worker_pool_queue'), await count(knex, 'worker')], [0, 0, 0])
        const runBack = (await knex('flow_run').where({id: run}).first()) as Record<string, unknown>
        assert.deepEqual([runBack.name, runBack.worker_pool_queue_id, 'work_pool_queue_id' in runBack], ['r', null, false])
        assert.deepEqual([await count(knex, 'flow_run'), await count(knex, 'deployment')], [1, 1])
      } finally {
        await knex.destroy()
      }
    })
  })
}
