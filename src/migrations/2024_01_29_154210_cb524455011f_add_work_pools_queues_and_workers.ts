import {createEnumType, createTable, dropEnumType, enumColumn, jsonDefault, nowDefault} from './helpers/columns.js'
import type {Revision} from './types.js'

const WORK_POOL_STATUS = {name: 'work_pool_status', labels: ['READY', 'NOT_READY', 'PAUSED']} as const
const WORK_QUEUE_STATUS = {name: 'work_queue_status', labels: ['READY', 'NOT_READY', 'PAUSED']} as const
const WORKER_STATUS = {name: 'worker_status', labels: ['ONLINE', 'OFFLINE']} as const

const revision: Revision = {
  revision: 'cb524455011f',
  downRevision: '14d2c846dfca',
  message: 'Add work pools, work queues and workers',
  transaction: true,
  async up(context) {
    const {knex, dialect} = context
    for (const type of [WORK_POOL_STATUS, WORK_QUEUE_STATUS, WORKER_STATUS]) await createEnumType(context, type)
    await createTable(context, 'work_pool', (t) => {
      t.string('name').notNullable()
      t.string('description')
      t.string('type').notNullable()
      t.jsonb('base_job_template').notNullable().defaultTo(jsonDefault(context, '{}'))
      t.boolean('is_paused').notNullable().defaultTo(knex.raw('false'))
      t.integer('concurrency_limit')
      enumColumn(t, context, 'work_pool', 'status', WORK_POOL_STATUS).notNullable().defaultTo('NOT_READY')
      t.timestamp('last_transitioned_status_at', {useTz: true})
      t.uuid('last_status_event_id')
      t.jsonb('storage_configuration').notNullable().defaultTo(jsonDefault(context, '{}'))
      t.uuid('default_queue_id')
      // The pool and its default queue reference each other: SQLite accepts the forward reference
      // inside CREATE TABLE, PostgreSQL gets the constraint once work_queue exists.
      if (dialect === 'sqlite') {
        t.foreign('default_queue_id', 'fk_work_pool__default_queue_id__work_queue').references('id').inTable('work_queue').onDelete('RESTRICT')
      }

      t.unique(['name'], {indexName: 'uq_work_pool__name'})
      t.index(['type'], 'ix_work_pool__type')
    })
    await createTable(context, 'work_queue', (t) => {
      t.string('name').notNullable()
      t.jsonb('filter')
      t.string('description').notNullable().defaultTo('')
      t.boolean('is_paused').notNullable().defaultTo(knex.raw('false'))
      t.integer('concurrency_limit')
      t.integer('priority').notNullable()
      t.timestamp('last_polled', {useTz: true})
      enumColumn(t, context, 'work_queue', 'status', WORK_QUEUE_STATUS).notNullable().defaultTo('NOT_READY')
      t.uuid('work_pool_id').notNullable()
      t.foreign('work_pool_id', 'fk_work_queue__work_pool_id__work_pool').references('id').inTable('work_pool').onDelete('CASCADE')
      t.unique(['work_pool_id', 'name'], {indexName: 'uq_work_queue__work_pool_id_name'})
      t.index(['work_pool_id'], 'ix_work_queue__work_pool_id')
      t.index(['work_pool_id', 'priority'], 'ix_work_queue__work_pool_id_priority')
    })
    if (dialect === 'postgresql') {
      await knex.schema.alterTable('work_pool', (t) => {
        t.foreign('default_queue_id', 'fk_work_pool__default_queue_id__work_queue').references('id').inTable('work_queue').onDelete('RESTRICT')
      })
    }

    await createTable(context, 'worker', (t) => {
      t.uuid('work_pool_id').notNullable()
      t.string('name').notNullable()
      t.timestamp('last_heartbeat_time', {useTz: true}).notNullable().defaultTo(nowDefault(context))
      t.integer('heartbeat_interval_seconds')
      enumColumn(t, context, 'worker', 'status', WORKER_STATUS).notNullable().defaultTo('OFFLINE')
      t.foreign('work_pool_id', 'fk_worker__work_pool_id__work_pool').references('id').inTable('work_pool').onDelete('CASCADE')
      t.unique(['work_pool_id', 'name'], {indexName: 'uq_worker__work_pool_id_name'})
      t.index(['work_pool_id'], 'ix_worker__work_pool_id')
      t.index(['work_pool_id', 'last_heartbeat_time'], 'ix_worker__work_pool_id_last_heartbeat_time')
    })
  },
  async down(context) {
    const {knex, dialect} = context
    await knex.schema.dropTable('worker')
    if (dialect === 'postgresql') {
      await knex.schema.alterTable('work_pool', (t) => t.dropForeign(['default_queue_id'], 'fk_work_pool__default_queue_id__work_queue'))
    }

    await knex.schema.dropTable('work_queue')
    await knex.schema.dropTable('work_pool')
    for (const type of [WORKER_STATUS, WORK_QUEUE_STATUS, WORK_POOL_STATUS]) await dropEnumType(context, type.name)
  },
}

export default revision
