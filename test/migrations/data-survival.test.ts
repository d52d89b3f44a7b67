import assert from 'node:assert/strict'

import {RELEASES} from '../../src/migrations/prefect-data.js'
import {downgrade, upgrade} from '../../src/migrator/index.js'
import {forEachDialect, type TestDialect} from '../harness/databases.js'
import {chainIds} from '../support/chains.js'
import {buildReferenceDatabase} from '../support/reference-db.js'
import {connect, freshDatabase, type TestDatabase} from './apply.js'
import {json, snapshot} from './rows.js'

/**
 * Rows written into a database as Prefect 2.0.0 left it survive the whole chain to head and back:
 * the columns they had then hold the same values after 80-odd revisions up (table rebuilds, type
 * changes, data migrations) and all the way back down.
 */
const id = (): string => crypto.randomUUID()

const KEPT: Record<string, string[]> = {
  flow: ['id', 'name', 'tags'],
  flow_run: ['id', 'name', 'flow_id', 'state_type', 'state_name', 'parameters', 'tags', 'run_count'],
  flow_run_state: ['id', 'flow_run_id', 'type', 'name', 'message'],
  task_run: ['id', 'name', 'flow_run_id', 'task_key', 'dynamic_key', 'state_type'],
  log: ['id', 'name', 'level', 'flow_run_id', 'message'],
}

async function seed(db: TestDatabase): Promise<void> {
  const knex = connect(db.dialect, db.connection)
  try {
    const [flow, flowRun, state, taskRun] = [id(), id(), id(), id()]
    await knex('flow').insert({id: flow, name: 'etl — nightly ✓', tags: json(['nightly'])})
    await knex('flow_run').insert({
      id: flowRun, name: 'brave-otter', flow_id: flow, state_type: 'COMPLETED', state_name: 'Completed',
      parameters: json({date: '2024-03-01', quote: "it's"}), tags: json(['a', 'b']), run_count: 3,
    })
    await knex('flow_run_state').insert({id: state, flow_run_id: flowRun, type: 'COMPLETED', name: 'Completed', message: 'All done\nsecond line'})
    await knex('flow_run').update({state_id: state}).where({id: flowRun})
    await knex('task_run').insert({id: taskRun, name: 'extract-0', flow_run_id: flowRun, task_key: 'extract', dynamic_key: '0', state_type: 'FAILED'})
    for (let i = 0; i < 50; i++) {
      await knex('log').insert({id: id(), name: 'prefect.flow_runs', level: 10 + (i % 4) * 10, flow_run_id: flowRun, message: `line ${i}: ${'x'.repeat(i)}`, timestamp: new Date(Date.UTC(2024, 2, 1, 12, 0, i))})
    }
  } finally {
    await knex.destroy()
  }
}

async function rows(db: TestDatabase): Promise<Record<string, unknown>> {
  const knex = connect(db.dialect, db.connection)
  try {
    const result: Record<string, unknown> = {}
    for (const [table, columns] of Object.entries(KEPT)) result[table] = await snapshot(knex, table, columns)
    return result
  } finally {
    await knex.destroy()
  }
}

function releaseHead(dialect: TestDialect, release: string): string {
  const row = RELEASES.find(([name]) => name === release)!
  return dialect === 'sqlite' ? row[1] : row[2]
}

describe('rows across the whole chain', () => {
  forEachDialect((dialect) => {
    it('keeps rows written at Prefect 2.0.0 intact up to head and back down to 2.0.0', async () => {
      const db = await freshDatabase(dialect)
      try {
        const start = releaseHead(dialect, '2.0.0')
        await buildReferenceDatabase(dialect, db.location, chainIds(dialect).indexOf(start) + 1)
        await seed(db)
        const seeded = await rows(db)
        const up = await upgrade(db.target)
        assert.ok(up.applied.length > 70, `${up.applied.length} revisions applied`)
        assert.deepEqual(await rows(db), seeded)
        await downgrade(db.target, {revision: start})
        assert.deepEqual(await rows(db), seeded)
      } finally {
        await db.knex.destroy()
      }
    })
  })
})
