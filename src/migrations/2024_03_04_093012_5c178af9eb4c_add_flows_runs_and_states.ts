import type {Knex} from 'knex'

import {createEnumType, createTable, dropEnumType, enumColumn, jsonDefault, nowDefault, runStatements} from './helpers/columns.js'
import type {MigrationContext, Revision} from './types.js'

const STATE_TYPE = {
  name: 'state_type',
  labels: ['SCHEDULED', 'PENDING', 'RUNNING', 'COMPLETED', 'FAILED', 'CANCELLED', 'CRASHED', 'PAUSED', 'CANCELLING'],
} as const

/** The columns flow runs and task runs share (Prefect's `Run` mixin). */
function runColumns(t: Knex.CreateTableBuilder, context: MigrationContext, table: string): void {
  t.string('name').notNullable()
  enumColumn(t, context, table, 'state_type', STATE_TYPE)
  t.string('state_name')
  t.timestamp('state_timestamp', {useTz: true})
  t.integer('run_count').notNullable().defaultTo(0)
  t.timestamp('expected_start_time', {useTz: true})
  t.timestamp('next_scheduled_start_time', {useTz: true})
  t.timestamp('start_time', {useTz: true})
  t.timestamp('end_time', {useTz: true})
  // An interval on PostgreSQL; SQLite stores it as the epoch plus the interval.
  if (context.dialect === 'postgresql') t.specificType('total_run_time', 'INTERVAL').notNullable().defaultTo(context.knex.raw("'0'"))
  else t.specificType('total_run_time', 'DATETIME').notNullable().defaultTo(context.knex.raw("'1970-01-01 00:00:00.000000'"))
  for (const column of ['name', 'state_type', 'state_name', 'state_timestamp', 'start_time']) t.index([column], `ix_${table}__${column}`)
}

/** Sort-order indexes; identical SQL on both dialects. */
function runIndexes(table: string): string[] {
  return [
    `CREATE INDEX ix_${table}__expected_start_time_desc ON ${table} (expected_start_time DESC)`,
    `CREATE INDEX ix_${table}__next_scheduled_start_time_asc ON ${table} (next_scheduled_start_time ASC)`,
    `CREATE INDEX ix_${table}__end_time_desc ON ${table} (end_time DESC)`,
  ]
}

async function createStateTable(context: MigrationContext, table: string, runTable: string): Promise<void> {
  const runId = `${runTable}_id`
  await createTable(context, table, (t) => {
    t.uuid(runId).notNullable()
    t.foreign(runId, `fk_${table}__${runId}__${runTable}`).references('id').inTable(runTable).onDelete('CASCADE')
    enumColumn(t, context, table, 'type', STATE_TYPE).notNullable()
    t.timestamp('timestamp', {useTz: true}).notNullable().defaultTo(nowDefault(context))
    t.string('name').notNullable()
    t.text('message')
    t.jsonb('state_details').notNullable().defaultTo(jsonDefault(context, '{}'))
    t.jsonb('data')
    t.uuid('result_artifact_id')
    t.foreign('result_artifact_id', `fk_${table}__result_artifact_id__artifact`).references('id').inTable('artifact').onDelete('SET NULL')
    for (const column of [runId, 'type', 'name', 'result_artifact_id']) t.index([column], `ix_${table}__${column}`)
  })
  await context.knex.raw(`CREATE UNIQUE INDEX uq_${table}__${runId}_timestamp_desc ON ${table} (${runId}, timestamp DESC)`)
}

const revision: Revision = {
  revision: '5c178af9eb4c',
  downRevision: '4183d65d8df3',
  message: 'Add flows, flow runs, task runs and their states',
  transaction: true,
  async up(context) {
    const {knex, dialect} = context
    await createEnumType(context, STATE_TYPE)
    await createTable(context, 'flow', (t) => {
      t.string('name').notNullable()
      t.jsonb('tags').notNullable().defaultTo(jsonDefault(context, '[]'))
      t.unique(['name'], {indexName: 'uq_flow__name'})
      t.index(['created'], 'ix_flow__created')
    })
    await createTable(context, 'flow_run', (t) => {
      runColumns(t, context, 'flow_run')
      t.uuid('flow_id').notNullable()
      t.uuid('deployment_id')
      t.string('work_queue_name')
      t.string('flow_version')
      t.string('deployment_version')
      t.jsonb('parameters').notNullable().defaultTo(jsonDefault(context, '{}'))
      t.string('idempotency_key')
      t.jsonb('context').notNullable().defaultTo(jsonDefault(context, '{}'))
      t.jsonb('empirical_policy').notNullable().defaultTo(jsonDefault(context, '{}'))
      t.jsonb('tags').notNullable().defaultTo(jsonDefault(context, '[]'))
      t.jsonb('created_by')
      t.string('infrastructure_pid')
      t.jsonb('job_variables').defaultTo(jsonDefault(context, '{}'))
      t.boolean('auto_scheduled').notNullable().defaultTo(knex.raw('false'))
      t.uuid('parent_task_run_id')
      t.uuid('state_id')
      t.uuid('infrastructure_document_id')
      t.uuid('work_queue_id')
      t.foreign('infrastructure_document_id', 'fk_flow_run__infrastructure_document_id__block_document')
        .references('id').inTable('block_document').onDelete('CASCADE')
      t.foreign('work_queue_id', 'fk_flow_run__work_queue_id__work_queue').references('id').inTable('work_queue').onDelete('SET NULL')
      t.foreign('flow_id', 'fk_flow_run__flow_id__flow').references('id').inTable('flow').onDelete('CASCADE')
      // Forward references: SQLite accepts them inside CREATE TABLE (and cannot add a foreign key
      // later); PostgreSQL gets them below, once task_run and flow_run_state exist.
      if (dialect === 'sqlite') {
        t.foreign('parent_task_run_id', 'fk_flow_run__parent_task_run_id__task_run').references('id').inTable('task_run').onDelete('SET NULL')
        t.foreign('state_id', 'fk_flow_run__state_id__flow_run_state').references('id').inTable('flow_run_state').onDelete('SET NULL')
      }

      const indexed = ['flow_id', 'deployment_id', 'work_queue_name', 'flow_version', 'deployment_version', 'parent_task_run_id', 'state_id', 'work_queue_id']
      for (const column of indexed) t.index([column], `ix_flow_run__${column}`)
    })
    await createTable(context, 'task_run', (t) => {
      runColumns(t, context, 'task_run')
      t.uuid('flow_run_id')
      t.string('task_key').notNullable()
      t.string('dynamic_key').notNullable()
      t.string('cache_key')
      t.timestamp('cache_expiration', {useTz: true})
      t.string('task_version')
      t.integer('flow_run_run_count').notNullable().defaultTo(0)
      t.jsonb('empirical_policy').notNullable().defaultTo(jsonDefault(context, '{}'))
      t.jsonb('task_inputs').notNullable().defaultTo(jsonDefault(context, '{}'))
      t.jsonb('tags').notNullable().defaultTo(jsonDefault(context, '[]'))
      t.uuid('state_id')
      t.foreign('flow_run_id', 'fk_task_run__flow_run_id__flow_run').references('id').inTable('flow_run').onDelete('CASCADE')
      t.index(['flow_run_id'], 'ix_task_run__flow_run_id')
      t.index(['state_id'], 'ix_task_run__state_id')
      t.index(['state_type', 'start_time'], 'ix_task_run__state_type_start_time')
    })
    await createStateTable(context, 'flow_run_state', 'flow_run')
    await createStateTable(context, 'task_run_state', 'task_run')
    if (dialect === 'postgresql') {
      await knex.schema.alterTable('flow_run', (t) => {
        t.foreign('parent_task_run_id', 'fk_flow_run__parent_task_run_id__task_run').references('id').inTable('task_run').onDelete('SET NULL')
        t.foreign('state_id', 'fk_flow_run__state_id__flow_run_state').references('id').inTable('flow_run_state').onDelete('SET NULL')
      })
    }

    const statements = [
      'CREATE UNIQUE INDEX uq_flow_run__flow_id_idempotency_key ON flow_run (flow_id, idempotency_key)',
      'CREATE UNIQUE INDEX uq_task_run__flow_run_id_task_key_dynamic_key ON task_run (flow_run_id, task_key, dynamic_key)',
      'CREATE INDEX ix_flow_run__coalesce_start_time_expected_start_time_desc ON flow_run (coalesce(start_time, expected_start_time) DESC)',
      'CREATE INDEX ix_flow_run__coalesce_start_time_expected_start_time_asc ON flow_run (coalesce(start_time, expected_start_time) ASC)',
      "CREATE INDEX ix_flow_run__scheduler_deployment_id_auto_scheduled_next_schedu ON flow_run (deployment_id, auto_scheduled, next_scheduled_start_time) WHERE state_type = 'SCHEDULED'",
      ...runIndexes('flow_run'),
      ...runIndexes('task_run'),
    ]
    await runStatements(context, statements)
  },
  async down(context) {
    const {knex, dialect} = context
    if (dialect === 'postgresql') {
      await knex.schema.alterTable('flow_run', (t) => {
        t.dropForeign(['parent_task_run_id'], 'fk_flow_run__parent_task_run_id__task_run')
        t.dropForeign(['state_id'], 'fk_flow_run__state_id__flow_run_state')
      })
    }

    for (const table of ['task_run_state', 'flow_run_state', 'task_run', 'flow_run', 'flow']) await knex.schema.dropTable(table)
    await dropEnumType(context, STATE_TYPE.name)
  },
}

export default revision
