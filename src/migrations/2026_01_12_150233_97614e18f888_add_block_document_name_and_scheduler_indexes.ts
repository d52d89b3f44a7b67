import {createIndexConcurrently, dropIndexConcurrently} from './helpers/postgres-concurrent-index.js'
import type {Revision} from './types.js'

/**
 * Two more indexes on possibly large tables, built CONCURRENTLY on PostgreSQL: a trigram index
 * for block document name search, and the scheduler's lookup of a deployment's future runs by the
 * schedule that created them (created_by.id). SQLite gets the scheduler index in its transaction.
 */
const revision: Revision = {
  revision: '97614e18f888',
  downRevision: 'cf78815731d6',
  message: 'Add the block document name trigram index and the scheduler index on flow runs',
  transaction: {sqlite: true, postgresql: false},
  requires: ['pg_trgm'],
  async up({knex, dialect}) {
    if (dialect === 'postgresql') {
      await knex.raw('CREATE EXTENSION IF NOT EXISTS pg_trgm')
      await createIndexConcurrently(knex, 'trgm_ix_block_document_name', 'ON block_document USING gin (name gin_trgm_ops)')
      await createIndexConcurrently(
        knex,
        'ix_flow_run__schedule_id_scheduler',
        "ON flow_run (deployment_id, (created_by ->> 'id'), next_scheduled_start_time) WHERE state_type = 'SCHEDULED' AND auto_scheduled",
      )
    } else {
      await knex.raw(
        "CREATE INDEX ix_flow_run__schedule_id_scheduler ON flow_run (deployment_id, json_extract(created_by, '$.id'), next_scheduled_start_time) WHERE state_type = 'SCHEDULED' AND auto_scheduled = 1",
      )
    }
  },
  async down({knex, dialect}) {
    if (dialect === 'postgresql') {
      await dropIndexConcurrently(knex, 'ix_flow_run__schedule_id_scheduler')
      await dropIndexConcurrently(knex, 'trgm_ix_block_document_name')
    } else {
      await knex.raw('DROP INDEX ix_flow_run__schedule_id_scheduler')
    }
  },
}

export default revision
