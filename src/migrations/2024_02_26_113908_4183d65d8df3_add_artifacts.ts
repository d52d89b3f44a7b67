import {createTable, jsonDefault} from './helpers/columns.js'
import type {Revision} from './types.js'

const revision: Revision = {
  revision: '4183d65d8df3',
  downRevision: '57544825f2f3',
  message: 'Add artifacts and artifact collections',
  transaction: true,
  async up(context) {
    const {knex, dialect} = context
    await createTable(context, 'artifact', (t) => {
      t.string('key')
      t.uuid('task_run_id')
      t.uuid('flow_run_id')
      t.string('type')
      t.jsonb('data')
      t.text('description')
      t.jsonb('metadata_')
      for (const column of ['key', 'task_run_id', 'flow_run_id']) t.index([column], `ix_artifact__${column}`)
    })
    // The latest-artifact-per-key lookup reads only these columns; PostgreSQL can answer it from the index alone.
    if (dialect === 'postgresql') {
      await knex.raw('CREATE INDEX ix_artifact__key_created_desc ON artifact (key, created DESC) INCLUDE (id, updated, type, task_run_id, flow_run_id)')
    } else {
      await knex.raw('CREATE INDEX ix_artifact__key_created_desc ON artifact (key, created DESC)')
    }

    await createTable(context, 'artifact_collection', (t) => {
      t.string('key').notNullable()
      t.uuid('latest_id').notNullable()
      t.uuid('task_run_id')
      t.uuid('flow_run_id')
      t.string('type')
      t.jsonb('data')
      t.text('description')
      t.jsonb('metadata_').defaultTo(jsonDefault(context, '{}'))
      t.unique(['key'], {indexName: 'uq_artifact_collection__key'})
      t.index(['key', 'latest_id'], 'ix_artifact_collection__key_latest_id')
    })
  },
  async down({knex}) {
    await knex.schema.dropTable('artifact_collection')
    await knex.schema.dropTable('artifact')
  },
}

export default revision
