import {createTable, jsonDefault} from './helpers/columns.js'
import type {Revision} from './types.js'

const revision: Revision = {
  revision: '9947c89300a4',
  downRevision: 'a59bf34a09d5',
  message: 'Add variables, saved searches, CSRF tokens and agents',
  transaction: true,
  async up(context) {
    await createTable(context, 'variable', (t) => {
      t.string('name').notNullable()
      t.jsonb('value')
      t.jsonb('tags').notNullable().defaultTo(jsonDefault(context, '[]'))
      t.unique(['name'], {indexName: 'uq_variable__name'})
    })
    await createTable(context, 'saved_search', (t) => {
      t.string('name').notNullable()
      t.jsonb('filters').notNullable().defaultTo(jsonDefault(context, '[]'))
      t.unique(['name'], {indexName: 'uq_saved_search__name'})
    })
    await createTable(context, 'csrf_token', (t) => {
      t.string('token').notNullable()
      t.string('client').notNullable()
      t.timestamp('expiration', {useTz: true}).notNullable()
      t.unique(['client'], {indexName: 'uq_csrf_token__client'})
    })
    await createTable(context, 'agent', (t) => {
      t.string('name').notNullable()
      t.uuid('work_queue_id').notNullable()
      t.timestamp('last_activity_time', {useTz: true})
      t.foreign('work_queue_id', 'fk_agent__work_queue_id__work_queue').references('id').inTable('work_queue')
      t.unique(['name'], {indexName: 'uq_agent__name'})
      t.index(['work_queue_id'], 'ix_agent__work_queue_id')
    })
  },
  async down({knex}) {
    for (const table of ['agent', 'csrf_token', 'saved_search', 'variable']) await knex.schema.dropTable(table)
  },
}

export default revision
