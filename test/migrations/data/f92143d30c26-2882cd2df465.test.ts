import assert from 'node:assert/strict'
import crypto from 'node:crypto'

import type {Knex} from 'knex'

import {BATCH_SIZE} from '../../../src/migrations/helpers/artifact-data.js'
import {freshPostgresDatabase, freshSqliteFile} from '../../harness/databases.js'
import {buildReferenceDatabase} from '../../support/reference-db.js'
import {entryAt, openKnex, positionOf, runPosition, runRevision} from '../../support/run-revision.js'

// SQLite f92143d30c26 / PostgreSQL 2882cd2df465: each flow or task run state with has_data gets an
// artifact holding its data, and result_artifact_id pointing at it; the downgrade deletes every
// artifact and clears the links.
const PAIRS = [
  {dialect: 'sqlite', revision: 'f92143d30c26'},
  {dialect: 'postgresql', revision: '2882cd2df465'},
] as const

type Dialect = (typeof PAIRS)[number]['dialect']

const MANY = BATCH_SIZE + 2 // more task run states with data than one batch

interface State {
  id: string
  runId: string
  data: string | null
  hasData: boolean | null
}

interface World {
  knex: Knex
  n: number
  flowStates: State[]
  taskStates: State[]
  bulkRunId: string
}

async function setUp(dialect: Dialect, revision: string): Promise<World> {
  const location = dialect === 'sqlite' ? freshSqliteFile().file : (await freshPostgresDatabase()).url
  const n = positionOf(dialect, revision)
  await buildReferenceDatabase(dialect, location, n - 1)
  const knex = openKnex(dialect, location)
  const id = () => crypto.randomUUID()
  const [flow, flowRunA, flowRunB, taskRun, bulkRunId] = [id(), id(), id(), id(), id()]
  await knex('flow').insert({id: flow, name: 'f'})
  await knex('flow_run').insert([
    {id: flowRunA, name: 'a', flow_id: flow},
    {id: flowRunB, name: 'b', flow_id: flow},
  ])
  await knex('task_run').insert([
    {id: taskRun, name: 't', task_key: 'k', dynamic_key: '0', flow_run_id: flowRunA},
    {id: bulkRunId, name: 'bulk', task_key: 'k', dynamic_key: '1', flow_run_id: flowRunA},
  ])
  const at = (i: number) => new Date(Date.UTC(2023, 0, 1) + i * 1000).toISOString()
  // has_data as the previous revision leaves it.
  const flowStates: State[] = [
    {id: id(), runId: flowRunA, data: '{"type": "reference", "storage_key": "/tmp/a"}', hasData: true},
    {id: id(), runId: flowRunA, data: null, hasData: false},
    {id: id(), runId: flowRunB, data: 'null', hasData: false},
    {id: id(), runId: flowRunB, data: '[1, 2]', hasData: true},
  ]
  const taskStates: State[] = [
    {id: id(), runId: taskRun, data: '{"type": "literal", "value": 42}', hasData: true},
    {id: id(), runId: taskRun, data: null, hasData: false},
  ]
  let i = 0
  for (const s of flowStates) {
    await knex('flow_run_state').insert({id: s.id, type: 'COMPLETED', name: 'Completed', flow_run_id: s.runId, timestamp: at(i++), data: s.data, has_data: s.hasData})
  }

  for (const s of taskStates) {
    await knex('task_run_state').insert({id: s.id, type: 'COMPLETED', name: 'Completed', task_run_id: s.runId, timestamp: at(i++), data: s.data, has_data: s.hasData})
  }

  const bulk = Array.from({length: MANY}, () => ({
    id: id(), type: 'COMPLETED', name: 'Completed', task_run_id: bulkRunId, timestamp: at(i++), data: '{"n": 1}', has_data: true,
  }))
  for (let j = 0; j < bulk.length; j += 500) await knex('task_run_state').insert(bulk.slice(j, j + 500))
  return {knex, n, flowStates, taskStates, bulkRunId}
}

interface ArtifactRow {
  id: string
  key: string | null
  type: string | null
  data: unknown
  metadata_: unknown
  task_run_id: string | null
  task_run_state_id: string | null
  flow_run_id: string | null
  flow_run_state_id: string | null
}

/** JSON as read back: text on SQLite, parsed by pg on PostgreSQL. */
const parsed = (value: unknown): unknown => (typeof value === 'string' ? JSON.parse(value) : value)

async function count(knex: Knex, table: string, where: Record<string, unknown> = {}): Promise<number> {
  return Number(((await knex(table).where(where).count({n: '*'})) as Array<{n: unknown}>)[0].n)
}

async function resultArtifactId(knex: Knex, table: string, id: string): Promise<string | null> {
  return ((await knex(table).select('result_artifact_id').where({id}).first()) as {result_artifact_id: string | null}).result_artifact_id
}

async function assertMigrated(world: World): Promise<void> {
  const {knex, flowStates, taskStates, bulkRunId} = world
  for (const [table, run, states] of [['flow_run_state', 'flow_run', flowStates], ['task_run_state', 'task_run', taskStates]] as const) {
    for (const state of states) {
      const linked = await resultArtifactId(knex, table, state.id)
      const artifacts = (await knex('artifact').where({[`${table}_id`]: state.id})) as ArtifactRow[]
      if (!state.hasData) {
        assert.equal(linked, null)
        assert.equal(artifacts.length, 0)
        continue
      }

      assert.equal(artifacts.length, 1, `one artifact for ${table} ${state.id}`)
      const [artifact] = artifacts
      assert.equal(linked, artifact.id)
      assert.deepEqual(parsed(artifact.data), JSON.parse(state.data!))
      assert.equal(artifact[`${run}_id`], state.runId)
      assert.equal(artifact[run === 'flow_run' ? 'task_run_id' : 'flow_run_id'], null)
      assert.equal(artifact[run === 'flow_run' ? 'task_run_state_id' : 'flow_run_state_id'], null)
      assert.deepEqual([artifact.key, artifact.type, artifact.metadata_], [null, null, null])
    }
  }

  // The bulk states, past the first batch: each has its own artifact, linked.
  assert.equal(await count(knex, 'artifact', {task_run_id: bulkRunId}), MANY)
  const unlinked = await knex('task_run_state').where({task_run_id: bulkRunId}).whereNull('result_artifact_id').count({n: '*'})
  assert.equal(Number((unlinked as Array<{n: unknown}>)[0].n), 0)
  const mismatched = await knex('task_run_state as s')
    .join('artifact as a', 'a.id', 's.result_artifact_id')
    .whereRaw('a.task_run_state_id <> s.id')
    .count({n: '*'})
  assert.equal(Number((mismatched as Array<{n: unknown}>)[0].n), 0)
  assert.equal(await count(knex, 'artifact'), MANY + flowStates.filter((s) => s.hasData).length + taskStates.filter((s) => s.hasData).length)
}

for (const {dialect, revision} of PAIRS) {
  describe(`data migration ${revision} (${dialect}): state results to artifacts`, () => {
    it('gives each state with data one artifact holding it, linked both ways; the downgrade deletes them and clears the links', async () => {
      const world = await setUp(dialect, revision)
      const {knex, n} = world
      try {
        await runPosition(knex, dialect, n, 'up')
        await assertMigrated(world)

        await runPosition(knex, dialect, n, 'down')
        assert.equal(await count(knex, 'artifact'), 0)
        for (const table of ['flow_run_state', 'task_run_state']) {
          const linked = await knex(table).whereNotNull('result_artifact_id').count({n: '*'})
          assert.equal(Number((linked as Array<{n: unknown}>)[0].n), 0)
        }

        assert.equal(await count(knex, 'task_run_state'), MANY + world.taskStates.length)
        assert.equal(await count(knex, 'flow_run_state'), world.flowStates.length)
      } finally {
        await knex.destroy()
      }
    })

    it('can be run again after an interruption without giving a state a second artifact', async () => {
      const world = await setUp(dialect, revision)
      const {knex, n, taskStates, flowStates} = world
      try {
        const module = await entryAt(dialect, n).load()
        assert.equal(module.transaction, false)
        await module.up({knex, dialect})
        // As if the first run had stopped part way: one state's link not yet written, another's
        // artifact not yet inserted.
        await knex('task_run_state').update({result_artifact_id: null}).where({id: taskStates[0].id})
        const flowArtifact = await resultArtifactId(knex, 'flow_run_state', flowStates[3].id)
        await knex('flow_run_state').update({result_artifact_id: null}).where({id: flowStates[3].id})
        await knex('artifact').where({id: flowArtifact}).delete()
        await runRevision(knex, dialect, module, 'up')
        await assertMigrated(world)
      } finally {
        await knex.destroy()
      }
    })
  })
}
