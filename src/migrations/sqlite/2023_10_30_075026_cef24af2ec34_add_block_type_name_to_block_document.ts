import {sql} from '../helpers/prefect-sql.js'
import type {Revision} from '../types.js'

// SQLite only adds the column here; its index and backfill come in the next revision, 22ef3915ccd8.
const revision: Revision = {
  revision: 'cef24af2ec34',
  downRevision: 'f3165ae0a213',
  message: 'Add block_type_name to block document',
  transaction: true,
  async up(context) {
    await sql(context, 'ALTER TABLE block_document ADD COLUMN block_type_name VARCHAR')
  },
  async down(context) {
    await sql(context, 'ALTER TABLE block_document DROP COLUMN block_type_name')
  },
}

export default revision
