import assert from 'node:assert/strict'

import {freshPostgresDatabase, freshSqliteFile} from '../../harness/databases.js'
import {buildReferenceDatabase} from '../../support/reference-db.js'
import {openKnex, positionOf, runPosition} from '../../support/run-revision.js'

// SQLite 8167af8df781 / PostgreSQL 4e9a6f93eb6c: a missing slot decay becomes 0.0, then NOT NULL.
const PAIRS = [
  {dialect: 'sqlite', revision: '8167af8df781'},
  {dialect: 'postgresql', revision: '4e9a6f93eb6c'},
] as const

for (const {dialect, revision} of PAIRS) {
  describe(`data migration ${revision} (${dialect}): make slot_decay_per_second not nullable`, () => {
    it('sets NULL decays to 0.0, keeps the others, and keeps the values on the way down', async () => {
      const location = dialect === 'sqlite' ? freshSqliteFile().file : (await freshPostgresDatabase()).url
      const n = positionOf(dialect, revision)
      await buildReferenceDatabase(dialect, location, n - 1)
      const knex = openKnex(dialect, location)
      try {
        const common = {active: true, limit: 5, active_slots: 1, denied_slots: 0, avg_slot_occupancy_seconds: 2.5}
        await knex('concurrency_limit_v2').insert([
          {...common, name: 'none', slot_decay_per_second: null},
          {...common, name: 'some', slot_decay_per_second: 1.5},
        ])
        const decays = async () =>
          Object.fromEntries(
            ((await knex('concurrency_limit_v2').select('name', 'slot_decay_per_second', 'limit')) as Array<{name: string; slot_decay_per_second: number; limit: number}>).map(
              (row) => [row.name, [row.slot_decay_per_second, row.limit]],
            ),
          )

        await runPosition(knex, dialect, n, 'up')
        assert.deepEqual(await decays(), {none: [0, 5], some: [1.5, 5]})
        await assert.rejects(knex('concurrency_limit_v2').insert({...common, name: 'null-again', slot_decay_per_second: null}))

        await runPosition(knex, dialect, n, 'down')
        assert.deepEqual(await decays(), {none: [0, 5], some: [1.5, 5]})
        await knex('concurrency_limit_v2').insert({...common, name: 'null-again', slot_decay_per_second: null})
      } finally {
        await knex.destroy()
      }
    })
  })
}
