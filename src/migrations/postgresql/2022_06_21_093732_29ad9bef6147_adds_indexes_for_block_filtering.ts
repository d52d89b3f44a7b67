import {createIndexConcurrently, dropIndexConcurrently} from '../helpers/postgres-concurrent-index.js'
import type {Revision} from '../types.js'

// Built CONCURRENTLY outside a transaction, as Prefect does; safe to run again after a kill.
const revision: Revision = {
  revision: '29ad9bef6147',
  downRevision: 'd335ad57d5ba',
  message: 'Adds indexes for block filtering',
  transaction: false,
  requires: ['pg_trgm'],
  async up({knex}) {
    await createIndexConcurrently(knex, 'trgm_ix_block_type_name', 'ON block_type USING gin (name gin_trgm_ops)')
    await createIndexConcurrently(knex, 'ix_block_schema__capabilities', 'ON block_schema USING gin (capabilities)')
  },
  async down({knex}) {
    await dropIndexConcurrently(knex, 'trgm_ix_block_type_name')
    await dropIndexConcurrently(knex, 'ix_block_schema__capabilities')
  },
}

export default revision
