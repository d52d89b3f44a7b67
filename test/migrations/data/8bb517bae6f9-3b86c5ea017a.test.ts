import assert from 'node:assert/strict'

import {freshPostgresDatabase, freshSqliteFile} from '../../harness/databases.js'
import {buildReferenceDatabase} from '../../support/reference-db.js'
import {openKnex, positionOf, runPosition} from '../../support/run-revision.js'

const REVISION = {sqlite: '8bb517bae6f9', postgresql: '3b86c5ea017a'} as const
const KEPT = '8bb51700-0000-4000-8000-000000000001'
const ORPHANED = '8bb51700-0000-4000-8000-000000000002'
const STATELESS = '8bb51700-0000-4000-8000-000000000003'
const STATE = '8bb51700-0000-4000-8000-0000000000a1'
const GONE_STATE = '8bb51700-0000-4000-8000-0000000000a2'

for (const dialect of ['sqlite', 'postgresql'] as const) {
  describe(`data migration ${REVISION[dialect]} (${dialect}): task_run.state_id without its foreign key`, () => {
    it('keeps state ids on the way up and clears those of deleted states on the way down', async () => {
      const location = dialect === 'sqlite' ? freshSqliteFile().file : (await freshPostgresDatabase()).url
      const position = positionOf(dialect, REVISION[dialect])
      await buildReferenceDatabase(dialect, location, position - 1)
      const knex = openKnex(dialect, location)
      try {
        const taskRun = (id: string) => ({id, name: `run-${id.slice(-1)}`, task_key: 'k', dynamic_key: id.slice(-1)})
        await knex('task_run').insert([taskRun(KEPT), taskRun(ORPHANED), taskRun(STATELESS)])
        await knex('task_run_state').insert({id: STATE, type: 'COMPLETED', name: 'Completed', task_run_id: KEPT})
        await knex('task_run').where({id: KEPT}).update({state_id: STATE})

        await runPosition(knex, dialect, position, 'up')
        // Without the foreign key a task run may name a state that does not exist.
        await knex('task_run').where({id: ORPHANED}).update({state_id: GONE_STATE})
        const states = async () =>
          ((await knex('task_run').select('id', 'state_id').orderBy('id')) as Array<{id: string; state_id: string | null}>).map(
            (row) => [row.id, row.state_id],
          )
        assert.deepEqual(await states(), [
          [KEPT, STATE],
          [ORPHANED, GONE_STATE],
          [STATELESS, null],
        ])

        await runPosition(knex, dialect, position, 'down')
        assert.deepEqual(await states(), [
          [KEPT, STATE],
          [ORPHANED, null],
          [STATELESS, null],
        ])
      } finally {
        await knex.destroy()
      }
    })
  })
}
