import {sql} from '../helpers/prefect-sql.js'
import type {Revision} from '../types.js'

const revision: Revision = {
  revision: '56be24fdb383',
  downRevision: '638cbcc2a158',
  message: 'Removing default storage block document.',
  transaction: true,
  async up(context) {
    await sql(
      context,
      'DROP INDEX ix_block_document__is_default_storage_block_document',
      'ALTER TABLE block_document DROP COLUMN is_default_storage_block_document',
    )
  },
  async down(context) {
    await sql(
      context,
      "ALTER TABLE block_document ADD COLUMN is_default_storage_block_document BOOLEAN DEFAULT '0'",
      'CREATE INDEX ix_block_document__is_default_storage_block_document ON block_document (is_default_storage_block_document)',
    )
  },
}

export default revision
