import {createTable, jsonDefault} from './helpers/columns.js'
import type {Revision} from './types.js'

const revision: Revision = {
  revision: '8f942a471e8a',
  downRevision: 'f2be5c61df5f',
  message: 'Add deployment versions',
  transaction: true,
  async up(context) {
    const {knex} = context
    await createTable(context, 'deployment_version', (t) => {
      t.uuid('deployment_id').notNullable()
      t.string('branch')
      t.jsonb('version_info').notNullable().defaultTo(jsonDefault(context, '{}'))
      t.text('description')
      t.jsonb('tags').notNullable().defaultTo(jsonDefault(context, '[]'))
      t.jsonb('labels')
      t.string('entrypoint')
      t.jsonb('pull_steps')
      t.jsonb('parameters').notNullable().defaultTo(jsonDefault(context, '{}'))
      t.jsonb('parameter_openapi_schema')
      t.boolean('enforce_parameter_schema').notNullable().defaultTo(knex.raw('false'))
      t.uuid('work_queue_id')
      t.string('work_queue_name')
      t.jsonb('infra_overrides').notNullable().defaultTo(jsonDefault(context, '{}'))
      t.foreign('deployment_id', 'fk_deployment_version__deployment_id__deployment').references('id').inTable('deployment').onDelete('CASCADE')
      t.foreign('work_queue_id', 'fk_deployment_version__work_queue_id__work_queue').references('id').inTable('work_queue').onDelete('SET NULL')
      t.index(['deployment_id', 'created'], 'ix_deployment_version__deployment_id__created')
      t.index(['work_queue_id'], 'ix_deployment_version__work_queue_id')
    })
  },
  async down({knex}) {
    await knex.schema.dropTable('deployment_version')
  },
}

export default revision
