import assert from 'node:assert/strict'
import crypto from 'node:crypto'

import {freshPostgresDatabase, freshSqliteFile} from '../../harness/databases.js'
import {buildReferenceDatabase} from '../../support/reference-db.js'
import {entryAt, openKnex, positionOf, runPosition, runRevision} from '../../support/run-revision.js'
import {json, snapshot} from '../rows.js'

// SQLite 2dbcec43c857 / PostgreSQL 15f5083c16bd: artifact_collection's new columns are filled
// from each collection's latest artifact.
const PAIRS = [
  {dialect: 'sqlite', revision: '2dbcec43c857'},
  {dialect: 'postgresql', revision: '15f5083c16bd'},
] as const

const MANY = 520 // more collections than Prefect's batch of 500

const COLUMNS = ['id', 'key', 'latest_id', 'type', 'data', 'description', 'flow_run_id', 'task_run_id', 'metadata_']

for (const {dialect, revision} of PAIRS) {
  describe(`data migration ${revision} (${dialect}): migrate artifact data`, () => {
    it("copies each collection's latest artifact into it, for every collection; down leaves the rows", async () => {
      const location = dialect === 'sqlite' ? freshSqliteFile().file : (await freshPostgresDatabase()).url
      const n = positionOf(dialect, revision)
      await buildReferenceDatabase(dialect, location, n - 1)
      const knex = openKnex(dialect, location)
      try {
        const flowRunId = crypto.randomUUID()
        const taskRunId = crypto.randomUUID()
        const older = crypto.randomUUID()
        const latest = crypto.randomUUID()
        const bare = crypto.randomUUID()
        // The artifact FKs are gone at this point of the chain, so run ids need no rows.
        await knex('artifact').insert([
          {id: older, key: 'report', type: 'markdown', data: json('old'), description: 'old one', flow_run_id: flowRunId, metadata_: json({v: 1})},
          {id: latest, key: 'report', type: 'table', data: json({rows: [[1, 'a']]}), description: 'the latest', flow_run_id: flowRunId, task_run_id: taskRunId, metadata_: json({v: 2})},
          {id: bare, key: 'bare', type: null, data: null, description: null, metadata_: null},
        ])
        const reportId = crypto.randomUUID()
        const bareId = crypto.randomUUID()
        const danglingId = crypto.randomUUID()
        await knex('artifact_collection').insert([
          {id: reportId, key: 'report', latest_id: latest},
          {id: bareId, key: 'bare', latest_id: bare},
          {id: danglingId, key: 'gone', latest_id: crypto.randomUUID()},
        ])
        const many = Array.from({length: MANY}, (_, i) => ({id: crypto.randomUUID(), key: `k${i}`, type: 'markdown', data: json(`body ${i}`), description: `d${i}`}))
        for (let i = 0; i < many.length; i += 100) {
          await knex('artifact').insert(many.slice(i, i + 100))
          await knex('artifact_collection').insert(many.slice(i, i + 100).map((a) => ({key: a.key, latest_id: a.id})))
        }

        await runPosition(knex, dialect, n, 'up')
        const rows = new Map((await snapshot(knex, 'artifact_collection', COLUMNS)).map((row) => [row.key as string, row]))
        assert.deepEqual(rows.get('report'), {
          id: reportId,
          key: 'report',
          latest_id: latest,
          type: 'table',
          data: {rows: [[1, 'a']]},
          description: 'the latest',
          flow_run_id: flowRunId,
          task_run_id: taskRunId,
          metadata_: {v: 2},
        })
        assert.deepEqual(rows.get('bare'), {id: bareId, key: 'bare', latest_id: bare, type: null, data: null, description: null, flow_run_id: null, task_run_id: null, metadata_: null})
        assert.equal(rows.get('gone')?.type, null)
        for (let i = 0; i < MANY; i++) {
          const row = rows.get(`k${i}`)
          // A JSON string: text on SQLite (snapshot parses only objects and arrays), parsed by pg.
          const data = dialect === 'sqlite' ? (JSON.parse(row?.data as string) as unknown) : row?.data
          assert.deepEqual([row?.type, data, row?.description], ['markdown', `body ${i}`, `d${i}`], `k${i}`)
        }

        // Again, as after a kill before it was recorded: the same rows.
        const before = await snapshot(knex, 'artifact_collection', COLUMNS)
        await runRevision(knex, dialect, await entryAt(dialect, n).load(), 'up')
        assert.deepEqual(await snapshot(knex, 'artifact_collection', COLUMNS), before)

        await runPosition(knex, dialect, n, 'down')
        assert.deepEqual(await snapshot(knex, 'artifact_collection', COLUMNS), before)
      } finally {
        await knex.destroy()
      }
    })
  })
}
