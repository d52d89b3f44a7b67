import type {Revision} from './types.js'

const TABLES = ['flow', 'flow_run', 'task_run', 'deployment']

const revision: Revision = {
  revision: 'f2be5c61df5f',
  downRevision: '0e8bc7aff8ea',
  message: 'Add labels to flows, flow runs, task runs and deployments',
  transaction: true,
  async up({knex}) {
    for (const table of TABLES) await knex.schema.alterTable(table, (t) => t.jsonb('labels'))
  },
  async down({knex}) {
    // Plain JSON columns: SQLite >= 3.35 drops them in place.
    for (const table of TABLES) await knex.raw(`ALTER TABLE ${table} DROP COLUMN labels`)
  },
}

export default revision
