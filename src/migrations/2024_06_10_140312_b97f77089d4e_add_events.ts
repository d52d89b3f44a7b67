import {createTable, jsonDefault} from './helpers/columns.js'
import type {Revision} from './types.js'

const revision: Revision = {
  revision: 'b97f77089d4e',
  downRevision: '9947c89300a4',
  message: 'Add events and event resources',
  transaction: true,
  async up(context) {
    const {knex, dialect} = context
    await createTable(context, 'events', (t) => {
      t.timestamp('occurred', {useTz: true}).notNullable()
      t.text('event').notNullable()
      t.text('resource_id').notNullable()
      t.jsonb('resource').notNullable()
      t.jsonb('related_resource_ids').notNullable().defaultTo(jsonDefault(context, '[]'))
      t.jsonb('related').notNullable().defaultTo(jsonDefault(context, '[]'))
      t.jsonb('payload').notNullable()
      t.timestamp('received', {useTz: true}).notNullable()
      t.timestamp('recorded', {useTz: true}).notNullable()
      t.uuid('follows')
      t.index(['occurred'], 'ix_events__occurred')
      t.index(['event', 'id'], 'ix_events__event_id')
      t.index(['event', 'resource_id', 'occurred'], 'ix_events__event_resource_id_occurred')
      t.index(['occurred', 'id'], 'ix_events__occurred_id')
      t.index(['event', 'occurred', 'id'], 'ix_events__event_occurred_id')
      t.index(['event', 'occurred'], 'ix_events__event_occurred')
    })
    // Related-resource filters use jsonb containment, which only GIN indexes serve.
    if (dialect === 'postgresql') {
      await knex.raw('CREATE INDEX ix_events__related_resource_ids_gin ON events USING gin (related_resource_ids)')
      await knex.raw('CREATE INDEX ix_events__related_gin ON events USING gin (related)')
    }

    await createTable(context, 'event_resources', (t) => {
      t.timestamp('occurred', {useTz: true}).notNullable()
      t.text('resource_id').notNullable()
      t.text('resource_role').notNullable()
      t.jsonb('resource').notNullable()
      t.uuid('event_id').notNullable()
      t.index(['resource_id', 'occurred'], 'ix_event_resources__resource_id__occurred')
      t.index(['occurred'], 'ix_event_resources__occurred')
      t.index(['event_id'], 'ix_event_resources__event_id')
    })
  },
  async down({knex}) {
    await knex.schema.dropTable('event_resources')
    await knex.schema.dropTable('events')
  },
}

export default revision
