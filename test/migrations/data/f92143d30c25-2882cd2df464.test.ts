import assert from 'node:assert/strict'
import crypto from 'node:crypto'

import type {Knex} from 'knex'

import {BATCH_SIZE} from '../../../src/migrations/helpers/artifact-data.js'
import {freshPostgresDatabase, freshSqliteFile} from '../../harness/databases.js'
import {buildReferenceDatabase} from '../../support/reference-db.js'
import {entryAt, openKnex, positionOf, runPosition, runRevision} from '../../support/run-revision.js'

// SQLite f92143d30c25 / PostgreSQL 2882cd2df464: flow_run_state and task_run_state get a has_data
// column, true where data is neither SQL NULL nor JSON null, filled in batches outside a transaction.
const PAIRS = [
  {dialect: 'sqlite', revision: 'f92143d30c25'},
  {dialect: 'postgresql', revision: '2882cd2df464'},
] as const

type Dialect = (typeof PAIRS)[number]['dialect']

const MANY = BATCH_SIZE + 3 // more task run states than one batch

interface World {
  knex: Knex
  n: number
  flowStates: Record<'sqlNull' | 'jsonNull' | 'object' | 'emptyList' | 'nullString', string>
  taskStates: Record<'sqlNull' | 'jsonNull' | 'object', string>
}

const DATA = {sqlNull: null, jsonNull: 'null', object: '{"value": 1}', emptyList: '[]', nullString: '"null"'} as const
const EXPECTED = {sqlNull: false, jsonNull: false, object: true, emptyList: true, nullString: true} as const

async function setUp(dialect: Dialect, revision: string): Promise<World> {
  const location = dialect === 'sqlite' ? freshSqliteFile().file : (await freshPostgresDatabase()).url
  const n = positionOf(dialect, revision)
  await buildReferenceDatabase(dialect, location, n - 1)
  const knex = openKnex(dialect, location)
  const id = () => crypto.randomUUID()
  const [flow, flowRun, taskRun, bulkTaskRun] = [id(), id(), id(), id()]
  await knex('flow').insert({id: flow, name: 'f'})
  await knex('flow_run').insert({id: flowRun, name: 'r', flow_id: flow})
  await knex('task_run').insert([
    {id: taskRun, name: 't', task_key: 'k', dynamic_key: '0', flow_run_id: flowRun},
    {id: bulkTaskRun, name: 'bulk', task_key: 'k', dynamic_key: '1', flow_run_id: flowRun},
  ])
  const at = (i: number) => new Date(Date.UTC(2023, 0, 1) + i * 1000).toISOString()
  const flowStates = {} as World['flowStates']
  let i = 0
  for (const key of Object.keys(DATA) as Array<keyof typeof DATA>) {
    flowStates[key] = id()
    await knex('flow_run_state').insert({id: flowStates[key], type: 'COMPLETED', name: 'Completed', flow_run_id: flowRun, timestamp: at(i++), data: DATA[key]})
  }

  const taskStates = {} as World['taskStates']
  for (const key of ['sqlNull', 'jsonNull', 'object'] as const) {
    taskStates[key] = id()
    await knex('task_run_state').insert({id: taskStates[key], type: 'COMPLETED', name: 'Completed', task_run_id: taskRun, timestamp: at(i++), data: DATA[key]})
  }

  const bulk = Array.from({length: MANY}, (_, j) => ({
    id: id(), type: 'COMPLETED', name: 'Completed', task_run_id: bulkTaskRun, timestamp: at(1000 + j), data: j % 2 === 0 ? '{"n": 1}' : null,
  }))
  for (let j = 0; j < bulk.length; j += 500) await knex('task_run_state').insert(bulk.slice(j, j + 500))
  return {knex, n, flowStates, taskStates}
}

const asBoolean = (value: unknown): boolean | null => (value === null ? null : Boolean(Number(value)))

async function hasData(knex: Knex, table: string, id: string): Promise<boolean | null> {
  const row = (await knex(table).select('has_data').where({id}).first()) as {has_data: unknown}
  return asBoolean(row.has_data)
}

async function columnNames(knex: Knex, table: string): Promise<string[]> {
  return Object.keys(await knex(table).columnInfo()).sort()
}

for (const {dialect, revision} of PAIRS) {
  describe(`data migration ${revision} (${dialect}): has_data helper columns`, () => {
    it('marks states whose data is neither NULL nor JSON null, in batches; the downgrade drops the columns', async () => {
      const {knex, n, flowStates, taskStates} = await setUp(dialect, revision)
      try {
        await runPosition(knex, dialect, n, 'up')
        for (const key of Object.keys(flowStates) as Array<keyof World['flowStates']>) {
          assert.equal(await hasData(knex, 'flow_run_state', flowStates[key]), EXPECTED[key], `flow_run_state ${key}`)
        }

        for (const key of Object.keys(taskStates) as Array<keyof World['taskStates']>) {
          assert.equal(await hasData(knex, 'task_run_state', taskStates[key]), EXPECTED[key], `task_run_state ${key}`)
        }

        // Every row is done, past the first batch too.
        const counts = (await knex('task_run_state').select('has_data').count({n: '*'}).groupBy('has_data')) as Array<{has_data: unknown; n: unknown}>
        const byValue = new Map(counts.map((row) => [asBoolean(row.has_data), Number(row.n)]))
        assert.equal(byValue.get(null), undefined)
        assert.equal(byValue.get(true), Math.ceil(MANY / 2) + 1)
        assert.equal(byValue.get(false), Math.floor(MANY / 2) + 2)

        await runPosition(knex, dialect, n, 'down')
        assert.ok(!(await columnNames(knex, 'flow_run_state')).includes('has_data'))
        assert.ok(!(await columnNames(knex, 'task_run_state')).includes('has_data'))
        assert.equal(Number(((await knex('task_run_state').count({n: '*'})) as Array<{n: unknown}>)[0].n), MANY + 3)
      } finally {
        await knex.destroy()
      }
    })

    it('can be run again after an interruption: an existing column and index are kept, only unmarked rows are filled', async () => {
      const {knex, n, flowStates} = await setUp(dialect, revision)
      try {
        const module = await entryAt(dialect, n).load()
        assert.equal(module.transaction, false)
        // As if a first run had been killed after adding the flow_run_state column and its index.
        await knex.raw('ALTER TABLE flow_run_state ADD COLUMN has_data BOOLEAN')
        await knex.raw('CREATE INDEX ix_flow_run_state__has_data ON flow_run_state (has_data)')
        await knex('flow_run_state').update({has_data: true}).where({id: flowStates.sqlNull}) // already marked: left alone
        await runRevision(knex, dialect, module, 'up')
        assert.equal(await hasData(knex, 'flow_run_state', flowStates.sqlNull), true)
        assert.equal(await hasData(knex, 'flow_run_state', flowStates.object), true)
        assert.equal(await hasData(knex, 'flow_run_state', flowStates.jsonNull), false)
        // Down twice in a row (a killed downgrade run again) is fine as well.
        await module.down({knex, dialect})
        await runRevision(knex, dialect, module, 'down')
        assert.ok(!(await columnNames(knex, 'flow_run_state')).includes('has_data'))
      } finally {
        await knex.destroy()
      }
    })
  })
}
