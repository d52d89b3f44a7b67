import {sql} from '../helpers/prefect-sql.js'
import type {Revision} from '../types.js'

const revision: Revision = {
  revision: '2d900af9cd07',
  downRevision: '84892301571a',
  message: 'Add anonymous column for block documents',
  transaction: true,
  async up(context) {
    await sql(
      context,
      "ALTER TABLE block_document ADD COLUMN is_anonymous BOOLEAN NOT NULL DEFAULT '0'",
      'CREATE INDEX ix_block_document__is_anonymous ON block_document (is_anonymous)',
    )
  },
  async down(context) {
    await sql(context, 'DROP INDEX ix_block_document__is_anonymous', 'ALTER TABLE block_document DROP COLUMN is_anonymous')
  },
}

export default revision
