import {createTable} from './helpers/columns.js'
import type {Revision} from './types.js'

const revision: Revision = {
  revision: 'a4ba7112ca52',
  downRevision: '500b1e01c208',
  message: 'Add flow run inputs and the task run state cache',
  transaction: true,
  async up(context) {
    const {knex} = context
    await createTable(context, 'flow_run_input', (t) => {
      t.uuid('flow_run_id').notNullable()
      t.text('key').notNullable()
      t.text('value').notNullable()
      t.text('sender')
      t.foreign('flow_run_id', 'fk_flow_run_input__flow_run_id__flow_run').references('id').inTable('flow_run').onDelete('CASCADE')
      t.unique(['flow_run_id', 'key'], {indexName: 'uq_flow_run_input__flow_run_id_key'})
    })
    await createTable(context, 'task_run_state_cache', (t) => {
      t.string('cache_key').notNullable()
      t.timestamp('cache_expiration', {useTz: true})
      t.uuid('task_run_state_id').notNullable()
    })
    await knex.raw('CREATE INDEX ix_task_run_state_cache__cache_key_created_desc ON task_run_state_cache (cache_key, created DESC)')
  },
  async down({knex}) {
    await knex.schema.dropTable('task_run_state_cache')
    await knex.schema.dropTable('flow_run_input')
  },
}

export default revision
