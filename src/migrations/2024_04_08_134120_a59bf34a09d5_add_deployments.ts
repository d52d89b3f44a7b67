import {createEnumType, createTable, dropEnumType, enumColumn, jsonDefault} from './helpers/columns.js'
import type {Revision} from './types.js'

const DEPLOYMENT_STATUS = {name: 'deployment_status', labels: ['READY', 'NOT_READY']} as const

/** Deployments as first released: one schedule per deployment, kept in the `schedule` column. */
const revision: Revision = {
  revision: 'a59bf34a09d5',
  downRevision: 'cd6ae0d4ed9d',
  message: 'Add deployments',
  transaction: true,
  async up(context) {
    const {knex} = context
    await createEnumType(context, DEPLOYMENT_STATUS)
    await createTable(context, 'deployment', (t) => {
      t.string('name').notNullable()
      t.string('version')
      t.text('description')
      t.string('work_queue_name')
      t.jsonb('infra_overrides').notNullable().defaultTo(jsonDefault(context, '{}'))
      t.string('path')
      t.string('entrypoint')
      t.timestamp('last_polled', {useTz: true})
      enumColumn(t, context, 'deployment', 'status', DEPLOYMENT_STATUS).notNullable().defaultTo('NOT_READY')
      t.jsonb('schedule')
      t.boolean('is_schedule_active').notNullable().defaultTo(knex.raw('true'))
      t.boolean('paused').notNullable().defaultTo(knex.raw('false'))
      t.integer('concurrency_limit')
      t.jsonb('concurrency_options')
      t.jsonb('tags').notNullable().defaultTo(jsonDefault(context, '[]'))
      t.jsonb('parameters').notNullable().defaultTo(jsonDefault(context, '{}'))
      t.jsonb('pull_steps')
      t.jsonb('parameter_openapi_schema')
      t.boolean('enforce_parameter_schema').notNullable().defaultTo(knex.raw('false'))
      t.jsonb('created_by')
      t.jsonb('updated_by')
      t.uuid('flow_id').notNullable()
      t.uuid('work_queue_id')
      t.uuid('concurrency_limit_id')
      t.uuid('infrastructure_document_id')
      t.uuid('storage_document_id')
      t.foreign('flow_id', 'fk_deployment__flow_id__flow').references('id').inTable('flow').onDelete('CASCADE')
      t.foreign('work_queue_id', 'fk_deployment__work_queue_id__work_queue').references('id').inTable('work_queue').onDelete('SET NULL')
      t.foreign('concurrency_limit_id', 'fk_deployment__concurrency_limit_id__concurrency_limit_v2')
        .references('id').inTable('concurrency_limit_v2').onDelete('SET NULL')
      t.foreign('infrastructure_document_id', 'fk_deployment__infrastructure_document_id__block_document')
        .references('id').inTable('block_document').onDelete('CASCADE')
      t.foreign('storage_document_id', 'fk_deployment__storage_document_id__block_document')
        .references('id').inTable('block_document').onDelete('CASCADE')
      for (const column of ['flow_id', 'work_queue_name', 'work_queue_id', 'paused', 'created']) t.index([column], `ix_deployment__${column}`)
    })
    await knex.raw('CREATE UNIQUE INDEX uq_deployment__flow_id_name ON deployment (flow_id, name)')
  },
  async down(context) {
    await context.knex.schema.dropTable('deployment')
    await dropEnumType(context, DEPLOYMENT_STATUS.name)
  },
}

export default revision
