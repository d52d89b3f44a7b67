import {sql} from '../helpers/prefect-sql.js'
import type {Revision} from '../types.js'

const revision: Revision = {
  revision: 'd335ad57d5ba',
  downRevision: '61c76ee09e02',
  message: 'Add block schema indexes',
  transaction: true,
  async up(context) {
    await sql(
      context,
      'CREATE INDEX ix_block_schema__block_type_id ON block_schema (block_type_id)',
      'CREATE INDEX ix_block_schema__created ON block_schema (created)',
      // The unique index uq_block_schema__checksum already covers this column.
      'DROP INDEX ix_block_schema__checksum',
    )
  },
  async down(context) {
    await sql(
      context,
      'DROP INDEX ix_block_schema__created',
      'DROP INDEX ix_block_schema__block_type_id',
      'CREATE INDEX ix_block_schema__checksum ON block_schema (checksum)',
    )
  },
}

export default revision
