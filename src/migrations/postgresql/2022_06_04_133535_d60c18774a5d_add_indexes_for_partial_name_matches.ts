import {createIndexConcurrently, dropIndexConcurrently} from '../helpers/postgres-concurrent-index.js'
import {sql} from '../helpers/prefect-sql.js'
import type {Revision} from '../types.js'

const INDEXES = [
  ['trgm_ix_flow_name', 'flow'],
  ['trgm_ix_flow_run_name', 'flow_run'],
  ['trgm_ix_task_run_name', 'task_run'],
  ['trgm_ix_deployment_name', 'deployment'],
] as const

// Trigram indexes built CONCURRENTLY outside a transaction, as Prefect does; safe to run again after a kill.
const revision: Revision = {
  revision: '77ebcc9cf355',
  downRevision: 'cdcb4018dd0e',
  message: 'Add indexes for partial name matches',
  transaction: false,
  requires: ['pg_trgm'],
  async up(context) {
    await sql(context, 'CREATE EXTENSION IF NOT EXISTS pg_trgm')
    for (const [name, table] of INDEXES) await createIndexConcurrently(context.knex, name, `ON ${table} USING gin (name gin_trgm_ops)`)
  },
  async down(context) {
    for (const [name] of INDEXES) await dropIndexConcurrently(context.knex, name)
    await sql(context, 'DROP EXTENSION IF EXISTS pg_trgm')
  },
}

export default revision
