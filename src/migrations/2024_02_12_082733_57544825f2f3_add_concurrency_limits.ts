import {createTable, jsonDefault} from './helpers/columns.js'
import type {Revision} from './types.js'

const revision: Revision = {
  revision: '57544825f2f3',
  downRevision: 'cb524455011f',
  message: 'Add tag-based (v1) and global (v2) concurrency limits',
  transaction: true,
  async up(context) {
    const {knex} = context
    await createTable(context, 'concurrency_limit', (t) => {
      t.string('tag').notNullable()
      t.integer('concurrency_limit').notNullable()
      t.jsonb('active_slots').notNullable().defaultTo(jsonDefault(context, '[]'))
    })
    await knex.raw('CREATE UNIQUE INDEX uq_concurrency_limit__tag ON concurrency_limit (tag)')
    await createTable(context, 'concurrency_limit_v2', (t) => {
      t.boolean('active').notNullable().defaultTo(knex.raw('true'))
      t.string('name').notNullable()
      t.integer('limit').notNullable()
      t.integer('active_slots').notNullable().defaultTo(0)
      t.integer('denied_slots').notNullable().defaultTo(0)
      t.double('slot_decay_per_second').notNullable().defaultTo(0)
      t.double('avg_slot_occupancy_seconds').notNullable().defaultTo(2)
      t.unique(['name'], {indexName: 'uq_concurrency_limit_v2__name'})
    })
  },
  async down({knex}) {
    await knex.schema.dropTable('concurrency_limit_v2')
    await knex.schema.dropTable('concurrency_limit')
  },
}

export default revision
