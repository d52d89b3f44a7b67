import assert from 'node:assert/strict'
import crypto from 'node:crypto'

import type {Knex} from 'knex'

import {freshPostgresDatabase} from '../../harness/databases.js'
import {buildReferenceDatabase} from '../../support/reference-db.js'
import {openKnex, positionOf, runPosition} from '../../support/run-revision.js'

// PostgreSQL 5e4f924ff96c adds PAUSED to the state_type enum. Prefect's downgrade keeps the label;
// ours re-creates the type without it, keeping every row, and refuses while a row is PAUSED.
const REVISION = '5e4f924ff96c'
const LABEL = 'PAUSED'
const BEFORE = ['SCHEDULED', 'PENDING', 'RUNNING', 'COMPLETED', 'FAILED', 'CANCELLED', 'CRASHED']

async function labels(knex: Knex): Promise<string[]> {
  const result = (await knex.raw("SELECT unnest(enum_range(NULL::state_type))::text AS label")) as {rows: Array<{label: string}>}
  return result.rows.map((row) => row.label)
}

async function setUp(): Promise<{knex: Knex; n: number; run: string; task: string}> {
  const {url} = await freshPostgresDatabase()
  const n = positionOf('postgresql', REVISION)
  await buildReferenceDatabase('postgresql', url, n - 1)
  const knex = openKnex('postgresql', url)
  const [flow, run, task] = [crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID()]
  await knex('flow').insert({id: flow, name: 'f'})
  await knex('flow_run').insert({id: run, name: 'r', flow_id: flow, state_type: 'SCHEDULED', auto_scheduled: true})
  await knex('flow_run_state').insert({flow_run_id: run, type: 'SCHEDULED', name: 'Scheduled'})
  await knex('task_run').insert({id: task, name: 't', task_key: 'k', dynamic_key: '0', flow_run_id: run, state_type: 'COMPLETED'})
  await knex('task_run_state').insert({task_run_id: task, type: 'COMPLETED', name: 'Completed'})
  return {knex, n, run, task}
}

describe(`enum label ${LABEL} (postgresql ${REVISION})`, () => {
  it('adds the label; the downgrade re-creates the type without it and keeps every row and the scheduler index', async () => {
    const {knex, n, run, task} = await setUp()
    try {
      await runPosition(knex, 'postgresql', n, 'up')
      assert.deepEqual(await labels(knex), [...BEFORE, LABEL])
      await runPosition(knex, 'postgresql', n, 'down')
      assert.deepEqual(await labels(knex), BEFORE)
      assert.equal(((await knex('flow_run').where({id: run}).first()) as {state_type: string}).state_type, 'SCHEDULED')
      assert.equal(((await knex('task_run').where({id: task}).first()) as {state_type: string}).state_type, 'COMPLETED')
      assert.equal(((await knex('flow_run_state').where({flow_run_id: run}).first()) as {type: string}).type, 'SCHEDULED')
      assert.equal(((await knex('task_run_state').where({task_run_id: task}).first()) as {type: string}).type, 'COMPLETED')
      const index = (await knex.raw(
        "SELECT indexdef FROM pg_indexes WHERE indexname = 'ix_flow_run__scheduler_deployment_id_auto_scheduled_next_schedu'",
      )) as {rows: Array<{indexdef: string}>}
      assert.match(index.rows[0]?.indexdef ?? '', /WHERE \(state_type = 'SCHEDULED'::state_type\)$/)
      // Up again: the label comes back.
      await runPosition(knex, 'postgresql', n, 'up')
      assert.deepEqual(await labels(knex), [...BEFORE, LABEL])
    } finally {
      await knex.destroy()
    }
  })

  it(`refuses to downgrade while a row holds ${LABEL}, naming what holds it, and changes nothing`, async () => {
    const {knex, n, task} = await setUp()
    try {
      await runPosition(knex, 'postgresql', n, 'up')
      await knex('task_run_state').insert({task_run_id: task, type: LABEL, name: 'Held', timestamp: new Date(Date.UTC(2030, 0, 1))})
      await assert.rejects(runPosition(knex, 'postgresql', n, 'down'), new RegExp(`Cannot remove the state type ${LABEL} .*: 1 task run states hold it`))
      assert.deepEqual(await labels(knex), [...BEFORE, LABEL])
    } finally {
      await knex.destroy()
    }
  })
})
