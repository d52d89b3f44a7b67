import {sql} from '../helpers/prefect-sql.js'
import type {Revision} from '../types.js'

/*
 * Indexes block_document (block_type_name, name) and fills block_type_name from each document's
 * block type. Outside the engine's transaction, as Prefect runs its batched backfill; both steps
 * are safe to run again. Prefect repeats its batch until no row changes, which never ends if a
 * document's block type is missing; the single UPDATE here leaves such a document's name NULL.
 */
const revision: Revision = {
  revision: '22ef3915ccd8',
  downRevision: 'cef24af2ec34',
  message: 'Index and backfill block_type_name',
  transaction: false,
  async up(context) {
    await sql(context, 'CREATE INDEX IF NOT EXISTS ix_block_document__block_type_name_name ON block_document (block_type_name, name)')
    await sql(
      context,
      `UPDATE block_document
       SET block_type_name = (SELECT block_type.name FROM block_type WHERE block_type.id = block_document.block_type_id)
       WHERE block_type_name IS NULL`,
    )
  },
  // The names stay filled in; the column goes with cef24af2ec34's downgrade.
  async down(context) {
    await sql(context, 'DROP INDEX IF EXISTS ix_block_document__block_type_name_name')
  },
}

export default revision
