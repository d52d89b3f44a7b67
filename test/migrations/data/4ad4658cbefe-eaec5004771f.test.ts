import assert from 'node:assert/strict'
import crypto from 'node:crypto'

import {freshPostgresDatabase, freshSqliteFile} from '../../harness/databases.js'
import {buildReferenceDatabase} from '../../support/reference-db.js'
import {openKnex, positionOf, runPosition} from '../../support/run-revision.js'

// SQLite 4ad4658cbefe / PostgreSQL eaec5004771f: deployment.concurrency_limit_id is set to the
// global concurrency limit named 'deployment:<deployment id>'.
for (const [dialect, revision] of [['sqlite', '4ad4658cbefe'], ['postgresql', 'eaec5004771f']] as const) {
  describe(`data migration ${revision} (${dialect}): deployment concurrency limit ids`, () => {
    it("links each deployment to the limit named after it, and nothing else", async () => {
      const location = dialect === 'sqlite' ? freshSqliteFile().file : (await freshPostgresDatabase()).url
      const n = positionOf(dialect, revision)
      await buildReferenceDatabase(dialect, location, n - 1)
      const knex = openKnex(dialect, location)
      try {
        const flowId = crypto.randomUUID()
        await knex('flow').insert({id: flowId, name: 'etl'})
        const [d1, d2, d3] = [crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID()]
        for (const [i, id] of [d1, d2, d3].entries()) await knex('deployment').insert({id, name: `d${i}`, flow_id: flowId})
        const limit = (name: string) => ({
          id: crypto.randomUUID(), name, active: true, limit: 1, active_slots: 0, denied_slots: 0,
          slot_decay_per_second: 0, avg_slot_occupancy_seconds: 2,
        })
        const [l1, l2, other] = [limit(`deployment:${d1}`), limit(`deployment:${d2}`), limit(`deployment:${d3}-not`)]
        await knex('concurrency_limit_v2').insert([l1, l2, other])

        await runPosition(knex, dialect, n, 'up')

        const links = Object.fromEntries(
          ((await knex('deployment').select('id', 'concurrency_limit_id')) as Array<{id: string; concurrency_limit_id: string | null}>).map(
            (r) => [r.id, r.concurrency_limit_id],
          ),
        )
        assert.deepEqual(links, {[d1]: l1.id, [d2]: l2.id, [d3]: null})

        // The new foreign key sets the link to NULL when its limit goes.
        await knex('concurrency_limit_v2').where({id: l2.id}).delete()
        assert.equal((await knex('deployment').where({id: d2}).first('concurrency_limit_id')).concurrency_limit_id, null)

        await runPosition(knex, dialect, n, 'down')
        assert.equal(await knex.schema.hasColumn('deployment', 'concurrency_limit_id'), false)
        assert.equal(((await knex('deployment').select('id')) as unknown[]).length, 3)
      } finally {
        await knex.destroy()
      }
    })
  })
}
