import assert from 'node:assert/strict'
import crypto from 'node:crypto'

import type {Knex} from 'knex'

import {adminQuery, freshPostgresDatabase, freshSqliteFile} from '../../harness/databases.js'
import {buildReferenceDatabase} from '../../support/reference-db.js'
import {openKnex, positionOf, runPosition} from '../../support/run-revision.js'

type Dialect = 'sqlite' | 'postgresql'
const REVISIONS = {sqlite: '628a873f0d1a', postgresql: 'bb4dc90d3e29'} as const

/** A database of the dialect at the position just below the revision, open for the body. */
async function belowRevision(dialect: Dialect, body: (knex: Knex, n: number) => Promise<void>): Promise<void> {
  let location: string
  let dropDatabase: (() => Promise<unknown>) | undefined
  if (dialect === 'sqlite') location = freshSqliteFile().file
  else {
    const db = await freshPostgresDatabase()
    location = db.url
    dropDatabase = () => adminQuery(`DROP DATABASE ${db.name} WITH (FORCE)`)
  }

  const n = positionOf(dialect, REVISIONS[dialect])
  await buildReferenceDatabase(dialect, location, n - 1)
  const knex = openKnex(dialect, location)
  try {
    await body(knex, n)
  } finally {
    await knex.destroy()
    await dropDatabase?.()
  }
}

const ids = async (knex: Knex, table: string) => (await knex(table).select('id').orderBy('id')).map((row) => row.id as string)

for (const dialect of ['sqlite', 'postgresql'] as const) {
  describe(`data migration ${REVISIONS[dialect]} (${dialect}): block types renamed and removed`, () => {
    it('renames five block types and deletes the removed storage types with what depends on them', async () => {
      await belowRevision(dialect, async (knex, n) => {
        const id = () => crypto.randomUUID()
        const names = ['DateTime', 'EnvironmentVariable', 'KubernetesClusterConfig', 'LocalFileSystem', 'RemoteFileSystem', 'S3 Storage', 'Local Storage', 'JSON']
        const types = Object.fromEntries(names.map((name) => [name, id()]))
        await knex('block_type').insert(names.map((name) => ({id: types[name], name})))
        const [s3Schema, jsonSchema, s3Doc, jsonDoc] = [id(), id(), id(), id()]
        await knex('block_schema').insert([
          {id: s3Schema, checksum: 'sha256:s3', block_type_id: types['S3 Storage'], fields: '{}', capabilities: '[]'},
          {id: jsonSchema, checksum: 'sha256:json', block_type_id: types.JSON, fields: '{}', capabilities: '[]'},
        ])
        await knex('block_document').insert([
          {id: s3Doc, name: 's3', block_schema_id: s3Schema, block_type_id: types['S3 Storage'], data: '{}'},
          {id: jsonDoc, name: 'json', block_schema_id: jsonSchema, block_type_id: types.JSON, data: '{}'},
        ])
        // A deployment and a flow run whose infrastructure document goes (ON DELETE CASCADE), a
        // flow run of that deployment (ON DELETE SET NULL) and one that stays untouched.
        const [flow, goneDeployment, keptDeployment, goneRun, orphanedRun, keptRun, goneState, goneTask] = [id(), id(), id(), id(), id(), id(), id(), id()]
        await knex('flow').insert({id: flow, name: 'f'})
        await knex('deployment').insert([
          {id: goneDeployment, name: 'gone', flow_id: flow, infrastructure_document_id: s3Doc},
          {id: keptDeployment, name: 'kept', flow_id: flow, infrastructure_document_id: jsonDoc},
        ])
        await knex('flow_run').insert([
          {id: goneRun, name: 'gone', flow_id: flow, infrastructure_document_id: s3Doc},
          {id: orphanedRun, name: 'orphaned', flow_id: flow, deployment_id: goneDeployment},
          {id: keptRun, name: 'kept', flow_id: flow, deployment_id: keptDeployment},
        ])
        await knex('flow_run_state').insert({id: goneState, type: 'COMPLETED', name: 'Completed', flow_run_id: goneRun})
        await knex('task_run').insert({id: goneTask, name: 't', task_key: 'k', dynamic_key: '0', flow_run_id: goneRun})

        await runPosition(knex, dialect, n, 'up')

        const after = (await knex('block_type').select('id', 'name')).map((row) => [row.name as string, row.id as string])
        assert.deepEqual(
          after.sort(),
          [
            ['Date Time', types.DateTime],
            ['Environment Variable', types.EnvironmentVariable],
            ['JSON', types.JSON],
            ['Kubernetes Cluster Config', types.KubernetesClusterConfig],
            ['Local File System', types.LocalFileSystem],
            ['Remote File System', types.RemoteFileSystem],
          ].sort(),
        )
        assert.deepEqual(await ids(knex, 'block_schema'), [jsonSchema])
        assert.deepEqual(await ids(knex, 'block_document'), [jsonDoc])
        assert.deepEqual(await ids(knex, 'deployment'), [keptDeployment])
        assert.deepEqual(await ids(knex, 'flow_run'), [orphanedRun, keptRun].sort())
        const runs = new Map((await knex('flow_run').select('id', 'deployment_id')).map((row) => [row.id as string, row.deployment_id as string | null]))
        assert.equal(runs.get(orphanedRun), null)
        assert.equal(runs.get(keptRun), keptDeployment)
        assert.deepEqual(await ids(knex, 'flow_run_state'), [])
        assert.deepEqual(await ids(knex, 'task_run'), [])

        await runPosition(knex, dialect, n, 'down')
        assert.equal((await knex('block_type').where({name: 'Date Time'})).length, 1, 'the downgrade renames nothing back')
      })
    })
  })
}
