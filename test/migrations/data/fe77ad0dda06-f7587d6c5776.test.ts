import assert from 'node:assert/strict'
import crypto from 'node:crypto'

import type {Knex} from 'knex'

import {freshPostgresDatabase, freshSqliteFile} from '../../harness/databases.js'
import {buildReferenceDatabase} from '../../support/reference-db.js'
import {openKnex, positionOf, runPosition} from '../../support/run-revision.js'

// SQLite fe77ad0dda06 / PostgreSQL f7587d6c5776 add the first work pool tables and a
// worker_pool_queue_id on flow_run and deployment; the downgrade drops them with their rows
// (on SQLite by rebuilding flow_run and deployment, whose rows must all come through).
const PAIRS = [
  {dialect: 'sqlite', revision: 'fe77ad0dda06'},
  {dialect: 'postgresql', revision: 'f7587d6c5776'},
] as const

async function count(knex: Knex, table: string): Promise<number> {
  return Number(((await knex(table).count({n: '*'})) as Array<{n: unknown}>)[0].n)
}

for (const {dialect, revision} of PAIRS) {
  describe(`data migration ${revision} (${dialect}): worker tables`, () => {
    it('keeps every flow run and deployment through the upgrade and the downgrade; the pool rows go with their tables', async () => {
      const location = dialect === 'sqlite' ? freshSqliteFile().file : (await freshPostgresDatabase()).url
      const n = positionOf(dialect, revision)
      await buildReferenceDatabase(dialect, location, n - 1)
      const knex = openKnex(dialect, location)
      try {
        const id = () => crypto.randomUUID()
        const [flow, run, deployment] = [id(), id(), id()]
        await knex('flow').insert({id: flow, name: 'f'})
        await knex('deployment').insert({id: deployment, name: 'd', flow_id: flow, tags: '["a"]', work_queue_name: 'q'})
        await knex('flow_run').insert({id: run, name: 'r', flow_id: flow, deployment_id: deployment, state_name: 'Scheduled', infrastructure_pid: 'pid'})

        await runPosition(knex, dialect, n, 'up')
        const [pool, queue] = [id(), id()]
        await knex('worker_pool').insert({id: pool, name: 'p', type: 'process'})
        await knex('worker_pool_queue').insert({id: queue, name: 'default', priority: 1, worker_pool_id: pool})
        await knex('worker').insert({name: 'w', worker_pool_id: pool})
        await knex('flow_run').update({worker_pool_queue_id: queue}).where({id: run})
        await knex('deployment').update({worker_pool_queue_id: queue}).where({id: deployment})

        await runPosition(knex, dialect, n, 'down')
        const runRow = (await knex('flow_run').where({id: run}).first()) as Record<string, unknown>
        assert.deepEqual(
          [runRow.name, runRow.flow_id, runRow.deployment_id, runRow.state_name, runRow.infrastructure_pid, 'worker_pool_queue_id' in runRow],
          ['r', flow, deployment, 'Scheduled', 'pid', false],
        )
        const deploymentRow = (await knex('deployment').where({id: deployment}).first()) as Record<string, unknown>
        assert.deepEqual([deploymentRow.name, deploymentRow.work_queue_name, 'worker_pool_queue_id' in deploymentRow], ['d', 'q', false])
        assert.deepEqual([await count(knex, 'flow_run'), await count(knex, 'deployment')], [1, 1])
        assert.equal(await knex.schema.hasTable('worker_pool'), false)
      } finally {
        await knex.destroy()
      }
    })
  })
}
