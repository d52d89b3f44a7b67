import {createIndexConcurrently, dropIndexConcurrently} from '../helpers/postgres-concurrent-index.js'
import {sql} from '../helpers/prefect-sql.js'
import type {Revision} from '../types.js'

const revision: Revision = {
  revision: '41e5ed9e1034',
  downRevision: '8ea825da948d',
  message: 'empty message',
  // CREATE/DROP INDEX CONCURRENTLY, outside a transaction as in Prefect's; safe to run again.
  transaction: false,
  requires: ['pg_trgm'],
  async up(context) {
    await sql(context, 'CREATE EXTENSION IF NOT EXISTS pg_trgm')
    await createIndexConcurrently(context.knex, 'trgm_ix_work_queue_name', 'ON work_queue USING gin (name gin_trgm_ops)')
  },
  async down({knex}) {
    // The extension stays, as with Prefect's downgrade (other indexes use it).
    await dropIndexConcurrently(knex, 'trgm_ix_work_queue_name')
  },
}

export default revision
