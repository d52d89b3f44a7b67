import assert from 'node:assert/strict'
import crypto from 'node:crypto'

import {freshPostgresDatabase, freshSqliteFile} from '../../harness/databases.js'
import {buildReferenceDatabase} from '../../support/reference-db.js'
import {openKnex, positionOf, runPosition} from '../../support/run-revision.js'

// SQLite 265eb1a2da4c / PostgreSQL 8cf4d4933848: deployment_schedule is filled from each
// deployment's schedule, and deployments whose schedule was inactive become paused.
const CASES = [
  {name: 'hourly', schedule: {interval: 3600}, active: true},
  {name: 'cron-off', schedule: {cron: '0 * * * *', timezone: 'UTC'}, active: false},
  {name: 'none', schedule: null, active: true},
  {name: 'json-null', schedule: 'null', active: false},
] as const

const truthy = (value: unknown): boolean => value === true || value === 1 || value === '1'
const parsed = (value: unknown): unknown => (typeof value === 'string' ? (JSON.parse(value) as unknown) : value)

for (const [dialect, revision] of [['sqlite', '265eb1a2da4c'], ['postgresql', '8cf4d4933848']] as const) {
  describe(`data migration ${revision} (${dialect}): deployment schedules and paused`, () => {
    it('moves each real schedule into deployment_schedule and pauses deployments whose schedule was off', async () => {
      const location = dialect === 'sqlite' ? freshSqliteFile().file : (await freshPostgresDatabase()).url
      const n = positionOf(dialect, revision)
      await buildReferenceDatabase(dialect, location, n - 1)
      const knex = openKnex(dialect, location)
      try {
        const flowId = crypto.randomUUID()
        await knex('flow').insert({id: flowId, name: 'etl'})
        const ids = new Map<string, string>()
        for (const c of CASES) {
          const id = crypto.randomUUID()
          ids.set(c.name, id)
          const schedule = c.schedule === null ? null : typeof c.schedule === 'string' ? c.schedule : JSON.stringify(c.schedule)
          await knex('deployment').insert({id, name: c.name, flow_id: flowId, schedule, is_schedule_active: c.active})
        }

        await runPosition(knex, dialect, n, 'up')

        const schedules = (await knex('deployment_schedule').select('*')) as Array<Record<string, unknown>>
        assert.equal(schedules.length, 2)
        for (const c of CASES.filter((c) => c.name === 'hourly' || c.name === 'cron-off')) {
          const row = schedules.find((s) => s.deployment_id === ids.get(c.name))
          assert.ok(row, `a schedule row for ${c.name}`)
          assert.deepEqual(parsed(row.schedule), c.schedule)
          assert.equal(truthy(row.active), c.active)
          assert.match(String(row.id), /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
          assert.ok(row.created && row.updated)
        }

        const paused = Object.fromEntries(
          ((await knex('deployment').select('name', 'paused')) as Array<{name: string; paused: unknown}>).map((r) => [r.name, truthy(r.paused)]),
        )
        assert.deepEqual(paused, {'hourly': false, 'cron-off': true, 'none': false, 'json-null': true})

        // Prefect's downgrade writes nothing back: the table and the column just go.
        await runPosition(knex, dialect, n, 'down')
        assert.equal(await knex.schema.hasTable('deployment_schedule'), false)
        assert.equal(await knex.schema.hasColumn('deployment', 'paused'), false)
        assert.equal(((await knex('deployment').count({n: '*'})) as Array<{n: unknown}>)[0]!.n, dialect === 'sqlite' ? 4 : '4')
      } finally {
        await knex.destroy()
      }
    })
  })
}
