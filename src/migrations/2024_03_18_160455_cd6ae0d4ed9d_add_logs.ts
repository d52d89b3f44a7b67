import {createTable} from './helpers/columns.js'
import type {Revision} from './types.js'

const revision: Revision = {
  revision: 'cd6ae0d4ed9d',
  downRevision: '5c178af9eb4c',
  message: 'Add the log table',
  transaction: true,
  async up(context) {
    // Run ids without foreign keys: logs arrive in batches, possibly before their run is written.
    await createTable(context, 'log', (t) => {
      t.string('name').notNullable()
      t.smallint('level').notNullable()
      t.uuid('flow_run_id')
      t.uuid('task_run_id')
      t.text('message').notNullable()
      t.timestamp('timestamp', {useTz: true}).notNullable()
      for (const column of ['level', 'flow_run_id', 'task_run_id', 'timestamp']) t.index([column], `ix_log__${column}`)
      t.index(['flow_run_id', 'timestamp'], 'ix_log__flow_run_id_timestamp')
    })
  },
  async down({knex}) {
    await knex.schema.dropTable('log')
  },
}

export default revision
