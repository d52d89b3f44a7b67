import assert from 'node:assert/strict'
import crypto from 'node:crypto'

import type {Knex} from 'knex'

import {freshPostgresDatabase, freshSqliteFile} from '../../harness/databases.js'
import {buildReferenceDatabase} from '../../support/reference-db.js'
import {openKnex, positionOf, runPosition} from '../../support/run-revision.js'

// SQLite f92143d30c27 / PostgreSQL 2882cd2df466 drop the data migration's helper columns:
// artifact.flow_run_state_id / task_run_state_id (on SQLite by rebuilding artifact, whose rows
// must all come through) and has_data. As in Prefect's downgrade, they come back empty.
const PAIRS = [
  {dialect: 'sqlite', revision: 'f92143d30c27'},
  {dialect: 'postgresql', revision: '2882cd2df466'},
] as const

const parsed = (value: unknown): unknown => (typeof value === 'string' ? JSON.parse(value) : value)

async function count(knex: Knex, table: string): Promise<number> {
  return Number(((await knex(table).count({n: '*'})) as Array<{n: unknown}>)[0].n)
}

for (const {dialect, revision} of PAIRS) {
  describe(`data migration ${revision} (${dialect}): artifact migration cleanup`, () => {
    it('keeps every artifact and its links from the states; the downgrade brings the helper columns back empty', async () => {
      const location = dialect === 'sqlite' ? freshSqliteFile().file : (await freshPostgresDatabase()).url
      const n = positionOf(dialect, revision)
      await buildReferenceDatabase(dialect, location, n - 1)
      const knex = openKnex(dialect, location)
      try {
        const id = () => crypto.randomUUID()
        const [flow, run, task, taskState, artifact] = [id(), id(), id(), id(), id()]
        await knex('flow').insert({id: flow, name: 'f'})
        await knex('flow_run').insert({id: run, name: 'r', flow_id: flow})
        await knex('task_run').insert({id: task, name: 't', task_key: 'k', dynamic_key: '0', flow_run_id: run})
        await knex('task_run_state').insert({id: taskState, type: 'COMPLETED', name: 'Completed', task_run_id: task, data: '{"v": 2}', has_data: true})
        await knex('artifact').insert({id: artifact, key: 'k1', task_run_state_id: taskState, task_run_id: task, data: '{"v": 2}'})
        await knex('task_run_state').update({result_artifact_id: artifact}).where({id: taskState})

        await runPosition(knex, dialect, n, 'up')
        const row = (await knex('artifact').where({id: artifact}).first()) as Record<string, unknown>
        assert.deepEqual([row.key, row.task_run_id, parsed(row.data), 'task_run_state_id' in row, 'flow_run_state_id' in row], ['k1', task, {v: 2}, false, false])
        const state = (await knex('task_run_state').where({id: taskState}).first()) as Record<string, unknown>
        assert.deepEqual([state.result_artifact_id, 'has_data' in state], [artifact, false])

        await runPosition(knex, dialect, n, 'down')
        const back = (await knex('artifact').where({id: artifact}).first()) as Record<string, unknown>
        assert.deepEqual([back.key, back.task_run_id, back.task_run_state_id, back.flow_run_state_id], ['k1', task, null, null])
        const stateBack = (await knex('task_run_state').where({id: taskState}).first()) as Record<string, unknown>
        assert.deepEqual([stateBack.result_artifact_id, stateBack.has_data], [artifact, null])
        assert.equal(await count(knex, 'artifact'), 1)
      } finally {
        await knex.destroy()
      }
    })
  })
}
