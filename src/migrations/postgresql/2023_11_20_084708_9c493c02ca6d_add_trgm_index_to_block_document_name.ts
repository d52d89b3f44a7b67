import {createIndexConcurrently, dropIndexConcurrently} from '../helpers/postgres-concurrent-index.js'
import type {Revision} from '../types.js'

// Built CONCURRENTLY outside a transaction, as Prefect does; safe to run again after a kill.
const revision: Revision = {
  revision: '9c493c02ca6d',
  downRevision: 'cef24af2ec34',
  message: 'Add trgm index to block_document.name',
  transaction: false,
  requires: ['pg_trgm'],
  async up({knex}) {
    await createIndexConcurrently(knex, 'trgm_ix_block_document_name', 'ON block_document USING gin (name gin_trgm_ops)')
  },
  async down({knex}) {
    await dropIndexConcurrently(knex, 'trgm_ix_block_document_name')
  },
}

export default revision
