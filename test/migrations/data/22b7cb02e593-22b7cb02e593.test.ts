import assert from 'node:assert/strict'
import crypto from 'node:crypto'

import type {Knex} from 'knex'

import {adminQuery, freshPostgresDatabase, freshSqliteFile} from '../../harness/databases.js'
import {buildReferenceDatabase} from '../../support/reference-db.js'
import {openKnex, positionOf, runPosition} from '../../support/run-revision.js'

type Dialect = 'sqlite' | 'postgresql'
const REVISION = '22b7cb02e593'

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

  const n = positionOf(dialect, REVISION)
  await buildReferenceDatabase(dialect, location, n - 1)
  const knex = openKnex(dialect, location)
  try {
    await body(knex, n)
  } finally {
    await knex.destroy()
    await dropDatabase?.()
  }
}

/** The i-th test timestamp, as each dialect stores one. */
function timestamp(dialect: Dialect, i: number): string {
  const iso = new Date(Date.UTC(2022, 9, 1) + i * 1000).toISOString()
  return dialect === 'sqlite' ? `${iso.slice(0, 10)} ${iso.slice(11, 23)}000` : iso
}

const asText = (dialect: Dialect, value: unknown) => (value === null ? null : dialect === 'sqlite' ? value : (value as Date).toISOString())

for (const dialect of ['sqlite', 'postgresql'] as const) {
  describe(`data migration ${REVISION} (${dialect}): state_timestamp backfill`, () => {
    it("copies each run's current state timestamp, over several batches", async () => {
      await belowRevision(dialect, async (knex, n) => {
        const flow = crypto.randomUUID()
        await knex('flow').insert({id: flow, name: 'f'})
        const runs = Array.from({length: 1203}, () => crypto.randomUUID())
        await knex.batchInsert('flow_run', runs.map((id, i) => ({id, name: `run-${i}`, flow_id: flow})), 100)
        // Two states per run but the last; the run points at its second one.
        const states = runs.slice(0, -1).flatMap((run, i) => [
          {id: crypto.randomUUID(), flow_run_id: run, type: 'PENDING', name: 'Pending', timestamp: timestamp(dialect, 2 * i)},
          {id: crypto.randomUUID(), flow_run_id: run, type: 'RUNNING', name: 'Running', timestamp: timestamp(dialect, 2 * i + 1)},
        ])
        await knex.batchInsert('flow_run_state', states, 100)
        await knex.raw("UPDATE flow_run SET state_id = (SELECT s.id FROM flow_run_state s WHERE s.flow_run_id = flow_run.id AND s.name = 'Running')")
        const task = crypto.randomUUID()
        const taskState = crypto.randomUUID()
        await knex('task_run').insert({id: task, name: 't', task_key: 'k', dynamic_key: '0', flow_run_id: runs[0]})
        await knex('task_run_state').insert({id: taskState, task_run_id: task, type: 'COMPLETED', name: 'Completed', timestamp: timestamp(dialect, 9999)})
        await knex('task_run').where({id: task}).update({state_id: taskState})

        await runPosition(knex, dialect, n, 'up')

        const after = new Map((await knex('flow_run').select('id', 'state_timestamp')).map((row) => [row.id as string, asText(dialect, row.state_timestamp)]))
        runs.slice(0, -1).forEach((run, i) => assert.equal(after.get(run), timestamp(dialect, 2 * i + 1), `run ${i}`))
        assert.equal(after.get(runs.at(-1)!), null, 'a run without a state keeps no timestamp')
        const taskAfter = await knex('task_run').where({id: task}).first()
        assert.equal(asText(dialect, taskAfter.state_timestamp), timestamp(dialect, 9999))

        await runPosition(knex, dialect, n, 'down')
        const columns = Object.keys(await knex('flow_run').columnInfo())
        assert.ok(!columns.includes('state_timestamp'))
      })
    })

    it('can be run again after an interrupted upgrade', async () => {
      await belowRevision(dialect, async (knex, n) => {
        const flow = crypto.randomUUID()
        const run = crypto.randomUUID()
        const state = crypto.randomUUID()
        await knex('flow').insert({id: flow, name: 'f'})
        await knex('flow_run').insert({id: run, name: 'r', flow_id: flow})
        await knex('flow_run_state').insert({id: state, flow_run_id: run, type: 'RUNNING', name: 'Running', timestamp: timestamp(dialect, 5)})
        await knex('flow_run').where({id: run}).update({state_id: state})
        // As if killed after the flow_run column was added.
        await knex.raw(`ALTER TABLE flow_run ADD COLUMN state_timestamp ${dialect === 'sqlite' ? 'DATETIME' : 'TIMESTAMP WITH TIME ZONE'}`)
        await runPosition(knex, dialect, n, 'up')
        assert.equal(asText(dialect, (await knex('flow_run').where({id: run}).first()).state_timestamp), timestamp(dialect, 5))
        await runPosition(knex, dialect, n, 'up')
        await runPosition(knex, dialect, n, 'down')
        await runPosition(knex, dialect, n, 'down')
      })
    })
  })
}
