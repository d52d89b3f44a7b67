import {sql} from '../helpers/prefect-sql.js'
import type {Revision} from '../types.js'

const revision: Revision = {
  revision: '7296741dff68',
  downRevision: '29ad9bef6147',
  message: 'Add protected column for block types',
  transaction: true,
  async up(context) {
    await sql(context, 'ALTER TABLE block_type ADD COLUMN is_protected BOOLEAN NOT NULL DEFAULT false')
  },
  async down(context) {
    await sql(context, 'ALTER TABLE block_type DROP COLUMN is_protected')
  },
}

export default revision
