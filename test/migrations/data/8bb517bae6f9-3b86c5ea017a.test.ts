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
    it('keeps state ids and drops the foreign key on the way up; clears those of deleted states and adds it back on the way down', async () => {
      const location = dialect === 'sqlite' ? freshSqliteFile().file : (await freshPostgresDatabase()).url
      const position = positionOf(dialect, REVISION[dialect])
      await buildReferenceDatabase(dialect, location, position - 1)
      const knex = openKnex(dialect, location)
      /** Whether task_run.state_id references task_run_state, as the database reads its schema now. */
      const hasStateForeignKey = async (): Promise<boolean> => {
        const query =
          dialect === 'sqlite'
            ? "SELECT count(*) AS n FROM pragma_foreign_key_list('task_run') WHERE \"from\" = 'state_id' AND \"table\" = 'task_run_state'"
            : "SELECT count(*) AS n FROM pg_constraint WHERE conrelid = 'task_run'::regclass AND contype = 'f' AND conname = 'fk_task_run__state_id__task_run_state'"
        const result = (await knex.raw(query)) as Array<{n: number | string}> | {rows: Array<{n: number | string}>}
        return Number((Array.isArray(result) ? result : result.rows)[0].n) > 0
      }

      try {
        const taskRun = (id: string) => ({id, name: `run-${id.slice(-1)}`, task_key: 'k', dynamic_key: id.slice(-1)})
        await knex('task_run').insert([taskRun(KEPT), taskRun(ORPHANED), taskRun(STATELESS)])
        await knex('task_run_state').insert({id: STATE, type: 'COMPLETED', name: 'Completed', task_run_id: KEPT})
        await knex('task_run').where({id: KEPT}).update({state_id: STATE})
        assert.equal(await hasStateForeignKey(), true)

        const sent: string[] = []
        knex.on('query', (query: {sql: string}) => sent.push(query.sql))
        await runPosition(knex, dialect, position, 'up')
        assert.equal(await hasStateForeignKey(), false)
        if (dialect === 'sqlite') {
          // Its definition is rewritten in place (SQLite's writable_schema procedure): no copy of the rows.
          assert.ok(!sent.some((sql) => /task_run_new/.test(sql)), 'task_run was not rebuilt')
          assert.ok(sent.some((sql) => /^UPDATE sqlite_schema\b/.test(sql)), 'task_run was rewritten in sqlite_schema')
          assert.deepEqual(await knex.raw('PRAGMA integrity_check'), [{integrity_check: 'ok'}])
        }

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
        assert.equal(await hasStateForeignKey(), true)
        if (dialect === 'sqlite') {
          assert.deepEqual(await knex.raw('PRAGMA integrity_check'), [{integrity_check: 'ok'}])
          // The foreign key holds and is enforced again on this very connection.
          assert.deepEqual(await knex.raw('PRAGMA foreign_key_check(task_run)'), [])
          await knex.raw('PRAGMA foreign_keys = ON')
          await assert.rejects(knex('task_run').where({id: STATELESS}).update({state_id: GONE_STATE}), /FOREIGN KEY constraint failed/)
        }
      } finally {
        await knex.destroy()
      }
    })
  })
}
