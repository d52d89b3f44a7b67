import assert from 'node:assert/strict'
import crypto from 'node:crypto'

import type {Knex} from 'knex'

import {forEachDialect, freshPostgresDatabase, freshSqliteFile, type TestDialect} from '../../harness/databases.js'
import {buildReferenceDatabase} from '../../support/reference-db.js'
import {openKnex, positionOf, runPosition} from '../../support/run-revision.js'

const REVISION = {sqlite: 'db6bde582447', postgresql: '14dc68cc5853'} as const

async function location(dialect: TestDialect): Promise<string> {
  return dialect === 'sqlite' ? freshSqliteFile().file : (await freshPostgresDatabase()).url
}

/** Runs with states, more than one batch of 500 of each kind. */
async function seed(db: Knex | Knex.Transaction) {
  const flowId = crypto.randomUUID()
  await db('flow').insert({id: flowId, name: 'f'})
  const flowRuns: Array<{id: string; state: string | null; preset: string | null}> = []
  for (let i = 0; i < 1203; i++) {
    // every 100th run has no state; every 250th already has a state_name of its own
    const state = i % 100 === 7 ? null : i % 3 === 0 ? 'Completed' : 'Late'
    flowRuns.push({id: crypto.randomUUID(), state, preset: i % 250 === 1 ? 'Kept' : null})
  }

  for (let i = 0; i < flowRuns.length; i += 200) {
    await db('flow_run').insert(
      flowRuns.slice(i, i + 200).map((run, j) => ({id: run.id, name: `run-${i + j}`, flow_id: flowId, state_name: run.preset})),
    )
  }

  const taskRuns: Array<{id: string; state: string | null}> = flowRuns.slice(0, 600).map((run, i) => ({
    id: crypto.randomUUID(),
    state: i % 50 === 3 ? null : i % 2 === 0 ? 'Running' : 'Failed',
  }))
  for (let i = 0; i < taskRuns.length; i += 200) {
    await db('task_run').insert(
      taskRuns.slice(i, i + 200).map((run, j) => ({id: run.id, name: `task-${i + j}`, task_key: 'k', dynamic_key: String(i + j), flow_run_id: flowRuns[0]!.id})),
    )
  }

  for (const [runs, table] of [
    [flowRuns, 'flow_run'],
    [taskRuns, 'task_run'],
  ] as const) {
    for (const run of runs) {
      if (run.state === null) continue
      const stateId = crypto.randomUUID()
      // an older state first: only the current one (state_id) counts
      await db(`${table}_state`).insert({id: crypto.randomUUID(), type: 'PENDING', name: 'Pending', timestamp: '2022-04-01 10:00:00.000000', [`${table}_id`]: run.id})
      await db(`${table}_state`).insert({id: stateId, type: 'COMPLETED', name: run.state, timestamp: '2022-04-01 10:05:00.000000', [`${table}_id`]: run.id})
      await db(table).where({id: run.id}).update({state_id: stateId})
    }
  }

  return {flowRuns, taskRuns}
}

describe('data migration db6bde582447 / 14dc68cc5853: backfill state_name', () => {
  forEachDialect((dialect) => {
    it("sets every run's state_name to its current state's name, in batches, and leaves it on down", async function () {
      this.timeout(120_000)
      const where = await location(dialect)
      const n = positionOf(dialect, REVISION[dialect])
      await buildReferenceDatabase(dialect, where, n - 1)
      const seeder = openKnex(dialect, where)
      let seeded: Awaited<ReturnType<typeof seed>>
      try {
        // One transaction: thousands of single-row commits are slow on SQLite.
        seeded = await seeder.transaction((trx) => seed(trx))
      } finally {
        await seeder.destroy()
      }

      const knex = openKnex(dialect, where)
      try {
        await runPosition(knex, dialect, n, 'up')
        const flowRows = new Map((await knex('flow_run').select('id', 'state_name')).map((row) => [String(row.id), row.state_name]))
        for (const run of seeded.flowRuns) assert.equal(flowRows.get(run.id), run.preset ?? run.state, `flow_run ${run.id}`)
        const taskRows = new Map((await knex('task_run').select('id', 'state_name')).map((row) => [String(row.id), row.state_name]))
        for (const run of seeded.taskRuns) assert.equal(taskRows.get(run.id), run.state, `task_run ${run.id}`)

        // Safe to run again: nothing changes.
        await runPosition(knex, dialect, n, 'up')
        assert.deepEqual(
          new Map((await knex('flow_run').select('id', 'state_name')).map((row) => [String(row.id), row.state_name])),
          flowRows,
        )

        await runPosition(knex, dialect, n, 'down')
        const after = await knex('flow_run').whereNotNull('state_name').count({n: '*'})
        assert.equal(Number(after[0]!.n), [...flowRows.values()].filter((name) => name !== null).length)
      } finally {
        await knex.destroy()
      }
    })
  })
})
