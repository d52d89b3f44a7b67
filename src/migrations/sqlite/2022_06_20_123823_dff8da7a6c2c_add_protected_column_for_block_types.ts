import {sql} from '../helpers/prefect-sql.js'
import type {Revision} from '../types.js'

const revision: Revision = {
  revision: 'dff8da7a6c2c',
  downRevision: 'a205b458d997',
  message: 'Add protected column for block types',
  transaction: true,
  async up(context) {
    await sql(context, "ALTER TABLE block_type ADD COLUMN is_protected BOOLEAN NOT NULL DEFAULT '0'")
  },
  async down(context) {
    await sql(context, 'ALTER TABLE block_type DROP COLUMN is_protected')
  },
}

export default revision
