import {sql} from '../helpers/prefect-sql.js'
import type {Revision} from '../types.js'

const revision: Revision = {
  revision: '61c76ee09e02',
  downRevision: '3a7c41d3b464',
  message: 'Add anonymous column for block documents',
  transaction: true,
  async up(context) {
    await sql(
      context,
      'ALTER TABLE block_document ADD COLUMN is_anonymous BOOLEAN NOT NULL DEFAULT false',
      'CREATE INDEX ix_block_document__is_anonymous ON block_document (is_anonymous)',
    )
  },
  async down(context) {
    await sql(context, 'DROP INDEX ix_block_document__is_anonymous', 'ALTER TABLE block_document DROP COLUMN is_anonymous')
  },
}

export default revision
