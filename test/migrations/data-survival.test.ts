import assert from 'node:assert/strict'

import {forEachDialect} from '../harness/databases.js'
import {connect, downgradeTo, freshDatabase, HEAD, upgradeTo, type TestDatabase} from './apply.js'
import {snapshot} from './rows.js'
import {seedDeployments, seedRuns} from './seed.js'

const RUNS_SEEDED_AT = 'cd6ae0d4ed9d'
const BEFORE_SPLIT = '8b0a242ddb67'
const SPLIT = '0e8bc7aff8ea'
const EARLY_TABLES = ['block_type', 'block_schema', 'block_document', 'block_document_reference', 'flow', 'flow_run', 'task_run', 'flow_run_state', 'log']

/** The tables' rows limited to the columns they had when seeded (later revisions add columns). */
async function earlyRows(db: TestDatabase, columnsByTable: Map<string, string[]>): Promise<Record<string, unknown>> {
  const second = connect(db.dialect, db.connection)
  try {
    const rows: Record<string, unknown> = {}
    for (const [table, columns] of columnsByTable) rows[table] = await snapshot(second, table, columns)
    return rows
  } finally {
    await second.destroy()
  }
}

describe('data across the revisions', () => {
  forEachDialect((dialect) => {
    it('keeps early rows intact to head, splits deployment schedules out, and puts them back on downgrade', async () => {
      const db = await freshDatabase(dialect)
      try {
        await upgradeTo(db, RUNS_SEEDED_AT)
        const ids = await seedRuns(db.knex)
        const columnsByTable = new Map<string, string[]>()
        for (const table of EARLY_TABLES) columnsByTable.set(table, Object.keys(await db.knex(table).columnInfo()))
        const seeded = await earlyRows(db, columnsByTable)

        await upgradeTo(db, BEFORE_SPLIT)
        const deployments = await seedDeployments(db.knex, ids.flow)
        const deploymentsBefore = await snapshot(db.knex, 'deployment')

        await upgradeTo(db, HEAD)
        assert.deepEqual(await earlyRows(db, columnsByTable), seeded)
        const second = connect(dialect, db.connection)
        try {
          const schedules = await snapshot(second, 'deployment_schedule', ['deployment_id', 'schedule', 'active', 'created', 'updated'])
          const byDeployment = new Map(schedules.map((row) => [row.deployment_id, row]))
          assert.equal(schedules.length, 2)
          assert.deepEqual(byDeployment.get(deployments.paused)?.schedule, {interval: 3600})
          assert.equal(Boolean(byDeployment.get(deployments.paused)?.active), false)
          assert.deepEqual(byDeployment.get(deployments.cron)?.schedule, {cron: '0 2 * * *', timezone: 'UTC'})
          assert.equal(Boolean(byDeployment.get(deployments.cron)?.active), true)
          const paused = deploymentsBefore.find((row) => row.id === deployments.paused)
          assert.equal(byDeployment.get(deployments.paused)?.created, paused?.created)
          const columns = Object.keys(await second('deployment').columnInfo())
          assert.ok(!columns.includes('schedule') && !columns.includes('is_schedule_active'))
        } finally {
          await second.destroy()
        }

        await downgradeTo(db, BEFORE_SPLIT)
        const second2 = connect(dialect, db.connection)
        try {
          assert.deepEqual(await snapshot(second2, 'deployment'), deploymentsBefore)
          assert.equal(await second2.schema.hasTable('deployment_schedule'), false)
        } finally {
          await second2.destroy()
        }

        assert.deepEqual(await earlyRows(db, columnsByTable), seeded)
      } finally {
        await db.knex.destroy()
      }
    })

    it('keeps the first schedule when a deployment gained several after the split', async () => {
      const db = await freshDatabase(dialect)
      try {
        await upgradeTo(db, BEFORE_SPLIT)
        const ids = await seedRuns(db.knex)
        const deployments = await seedDeployments(db.knex, ids.flow)
        await upgradeTo(db, SPLIT)
        await db.knex('deployment_schedule').insert({deployment_id: deployments.paused, schedule: JSON.stringify({interval: 60}), created: '2100-01-01 00:00:00.000'})
        await downgradeTo(db, BEFORE_SPLIT)
        const row = (await snapshot(db.knex, 'deployment')).find((r) => r.id === deployments.paused)
        assert.deepEqual(row?.schedule, {interval: 3600})
        assert.equal(Boolean(row?.is_schedule_active), false)
      } finally {
        await db.knex.destroy()
      }
    })
  })
})
