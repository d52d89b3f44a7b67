import {createIndexConcurrently, dropIndexConcurrently} from '../helpers/postgres-concurrent-index.js'
import {sql} from '../helpers/prefect-sql.js'
import type {Revision} from '../types.js'

/*
 * Adds block_document.block_type_name, indexes (block_type_name, name) CONCURRENTLY and fills the
 * name from each document's block type. Outside a transaction, as Prefect runs it; every step is
 * safe to run again after a kill. (On SQLite the index and backfill are a revision of their own,
 * 22ef3915ccd8.) Prefect backfills in autocommitted batches of 500 until none is left; one UPDATE
 * gives the same rows.
 */
const revision: Revision = {
  revision: 'cef24af2ec34',
  downRevision: 'bfe653bbf62e',
  message: 'Add block_type_name to block document',
  transaction: false,
  async up(context) {
    await sql(context, 'ALTER TABLE block_document ADD COLUMN IF NOT EXISTS block_type_name VARCHAR')
    await createIndexConcurrently(context.knex, 'ix_block_document__block_type_name__name', 'ON block_document (block_type_name, name)')
    await sql(
      context,
      `UPDATE block_document
       SET block_type_name = block_type.name
       FROM block_type
       WHERE block_document.block_type_id = block_type.id AND block_document.block_type_name IS NULL`,
    )
  },
  async down(context) {
    await dropIndexConcurrently(context.knex, 'ix_block_document__block_type_name__name')
    await sql(context, 'ALTER TABLE block_document DROP COLUMN IF EXISTS block_type_name')
  },
}

export default revision
