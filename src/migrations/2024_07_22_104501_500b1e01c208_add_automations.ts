import type {Knex} from 'knex'

import {createTable, jsonDefault} from './helpers/columns.js'
import type {Revision} from './types.js'

const CHILD_TABLES = ['automation_bucket', 'automation_related_resource', 'composite_trigger_child_firing']

const revision: Revision = {
  revision: '500b1e01c208',
  downRevision: 'b97f77089d4e',
  message: 'Add automations, their buckets, related resources, composite trigger firings and event followers',
  transaction: true,
  async up(context) {
    const {knex} = context
    await createTable(context, 'automation', (t) => {
      t.string('name').notNullable()
      t.string('description').notNullable().defaultTo('')
      t.boolean('enabled').notNullable().defaultTo(knex.raw('true'))
      t.jsonb('tags').notNullable().defaultTo(jsonDefault(context, '[]'))
      t.jsonb('trigger').notNullable()
      t.jsonb('actions').notNullable()
      t.jsonb('actions_on_trigger').notNullable().defaultTo(jsonDefault(context, '[]'))
      t.jsonb('actions_on_resolve').notNullable().defaultTo(jsonDefault(context, '[]'))
    })
    const automationId = (t: Knex.CreateTableBuilder, table: string): void => {
      t.uuid('automation_id').notNullable()
      t.foreign('automation_id', `fk_${table}__automation_id__automation`).references('id').inTable('automation').onDelete('CASCADE')
    }

    await createTable(context, 'automation_bucket', (t) => {
      automationId(t, 'automation_bucket')
      t.uuid('trigger_id').notNullable()
      t.jsonb('bucketing_key').notNullable()
      t.jsonb('last_event')
      t.timestamp('start', {useTz: true}).notNullable()
      t.timestamp('end', {useTz: true}).notNullable()
      t.integer('count').notNullable()
      t.string('last_operation')
      t.timestamp('triggered_at', {useTz: true})
      t.index(['automation_id', 'end'], 'ix_automation_bucket__automation_id__end')
    })
    await knex.raw(
      'CREATE UNIQUE INDEX uq_automation_bucket__automation_id__trigger_id__bucketing_key ON automation_bucket (automation_id, trigger_id, bucketing_key)',
    )
    await createTable(context, 'automation_related_resource', (t) => {
      automationId(t, 'automation_related_resource')
      t.string('resource_id')
      t.boolean('automation_owned_by_resource').notNullable().defaultTo(knex.raw('false'))
      t.index(['resource_id'], 'ix_automation_related_resource__resource_id')
      t.unique(['automation_id', 'resource_id'], {indexName: 'uq_automation_related_resource__automation_id__resource_id'})
    })
    await createTable(context, 'composite_trigger_child_firing', (t) => {
      automationId(t, 'composite_trigger_child_firing')
      t.uuid('parent_trigger_id').notNullable()
      t.uuid('child_trigger_id').notNullable()
      t.uuid('child_firing_id').notNullable()
      t.timestamp('child_fired_at', {useTz: true})
      t.jsonb('child_firing').notNullable()
    })
    await knex.raw(
      'CREATE UNIQUE INDEX uq_composite_trigger_child_firing__a_id__pt_id__ct__id ON composite_trigger_child_firing (automation_id, parent_trigger_id, child_trigger_id)',
    )
    await createTable(context, 'automation_event_follower', (t) => {
      t.string('scope').notNullable().defaultTo('')
      t.uuid('leader_event_id').notNullable()
      t.uuid('follower_event_id').notNullable()
      t.timestamp('received', {useTz: true}).notNullable()
      t.jsonb('follower').notNullable()
      for (const column of ['scope', 'leader_event_id', 'received']) t.index([column], `ix_automation_event_follower__${column}`)
      t.index(['scope', 'leader_event_id'], 'ix_ae_follower_scope_leader')
    })
    await knex.raw('CREATE UNIQUE INDEX uq_follower_for_scope ON automation_event_follower (scope, follower_event_id)')
  },
  async down({knex}) {
    for (const table of ['automation_event_follower', ...CHILD_TABLES, 'automation']) await knex.schema.dropTable(table)
  },
}

export default revision
