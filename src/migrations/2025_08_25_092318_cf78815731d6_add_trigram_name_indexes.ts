import {createIndexConcurrently, dropIndexConcurrently} from './helpers/postgres-concurrent-index.js'
import type {Revision} from './types.js'

const TRIGRAM_INDEXES = [
  ['trgm_ix_flow_name', 'flow'],
  ['trgm_ix_flow_run_name', 'flow_run'],
  ['trgm_ix_task_run_name', 'task_run'],
  ['trgm_ix_deployment_name', 'deployment'],
  ['trgm_ix_block_type_name', 'block_type'],
  ['trgm_ix_work_queue_name', 'work_queue'],
] as const

/**
 * Trigram indexes for partial name matches (`name ILIKE '%part%'`) on PostgreSQL, built
 * CONCURRENTLY so a large flow_run or task_run table stays writable: outside a transaction, and
 * every statement safe to repeat after a crash. SQLite has no trigram indexes: nothing to do there.
 */
const revision: Revision = {
  revision: 'cf78815731d6',
  downRevision: '8f942a471e8a',
  message: 'Add trigram indexes for partial name matches',
  transaction: {sqlite: true, postgresql: false},
  requires: ['pg_trgm'],
  async up({knex, dialect}) {
    if (dialect !== 'postgresql') return
    await knex.raw('CREATE EXTENSION IF NOT EXISTS pg_trgm')
    for (const [name, table] of TRIGRAM_INDEXES) await createIndexConcurrently(knex, name, `ON ${table} USING gin (name gin_trgm_ops)`)
  },
  async down({knex, dialect}) {
    if (dialect !== 'postgresql') return
    // The extension stays: other objects may use it, and it may have been there before.
    for (const [name] of TRIGRAM_INDEXES) await dropIndexConcurrently(knex, name)
  },
}

export default revision
