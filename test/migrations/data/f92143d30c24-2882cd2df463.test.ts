import assert from 'node:assert/strict'
import crypto from 'node:crypto'

import type {Knex} from 'knex'

import {freshPostgresDatabase, freshSqliteFile} from '../../harness/databases.js'
import {buildReferenceDatabase} from '../../support/reference-db.js'
import {openKnex, positionOf, runPosition} from '../../support/run-revision.js'

// SQLite f92143d30c24 / PostgreSQL 2882cd2df463 add the artifact table and result_artifact_id on
// the state tables; the downgrade drops them (on SQLite by rebuilding flow_run_state and
// task_run_state, whose rows must all come through, data included).
const PAIRS = [
  {dialect: 'sqlite', revision: 'f92143d30c24'},
  {dialect: 'postgresql', revision: '2882cd2df463'},
] as const

const parsed = (value: unknown): unknown => (typeof value === 'string' ? JSON.parse(value) : value)

async function count(knex: Knex, table: string): Promise<number> {
  return Number(((await knex(table).count({n: '*'})) as Array<{n: unknown}>)[0].n)
}

for (const {dialect, revision} of PAIRS) {
  describe(`data migration ${revision} (${dialect}): artifact table`, () => {
    it('keeps every state row, its data included, through the upgrade and the downgrade; artifacts go with their table', async () => {
      const location = dialect === 'sqlite' ? freshSqliteFile().file : (await freshPostgresDatabase()).url
      const n = positionOf(dialect, revision)
      await buildReferenceDatabase(dialect, location, n - 1)
      const knex = openKnex(dialect, location)
      try {
        const id = () => crypto.randomUUID()
        const [flow, run, task, flowState, taskState] = [id(), id(), id(), id(), id()]
        await knex('flow').insert({id: flow, name: 'f'})
        await knex('flow_run').insert({id: run, name: 'r', flow_id: flow})
        await knex('task_run').insert({id: task, name: 't', task_key: 'k', dynamic_key: '0', flow_run_id: run})
        await knex('flow_run_state').insert({id: flowState, type: 'COMPLETED', name: 'Completed', flow_run_id: run, data: '{"a": 1}', message: 'm'})
        await knex('task_run_state').insert({id: taskState, type: 'FAILED', name: 'Failed', task_run_id: task, data: '[1]'})

        await runPosition(knex, dialect, n, 'up')
        const artifact = id()
        await knex('artifact').insert({id: artifact, task_run_state_id: taskState, task_run_id: task, data: '[1]'})
        await knex('task_run_state').update({result_artifact_id: artifact}).where({id: taskState})

        await runPosition(knex, dialect, n, 'down')
        assert.equal(await knex.schema.hasTable('artifact'), false)
        const fs = (await knex('flow_run_state').where({id: flowState}).first()) as Record<string, unknown>
        assert.deepEqual([fs.type, fs.name, fs.message, fs.flow_run_id, parsed(fs.data), 'result_artifact_id' in fs], ['COMPLETED', 'Completed', 'm', run, {a: 1}, false])
        const ts = (await knex('task_run_state').where({id: taskState}).first()) as Record<string, unknown>
        assert.deepEqual([ts.type, ts.task_run_id, parsed(ts.data), 'result_artifact_id' in ts], ['FAILED', task, [1], false])
        assert.deepEqual([await count(knex, 'flow_run_state'), await count(knex, 'task_run_state')], [1, 1])
      } finally {
        await knex.destroy()
      }
    })
  })
}
