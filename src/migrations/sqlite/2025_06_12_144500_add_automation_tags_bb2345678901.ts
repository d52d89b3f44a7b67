import {sql} from '../helpers/prefect-sql.js'
import type {Revision} from '../types.js'

const revision: Revision = {
  revision: 'bb2345678901',
  downRevision: '3c841a1800a1',
  message: 'Add tags column to automation table',
  transaction: true,
  async up(context) {
    await sql(context, "ALTER TABLE automation ADD COLUMN tags JSON NOT NULL DEFAULT '[]'")
  },
  async down(context) {
    await sql(context, 'ALTER TABLE automation DROP COLUMN tags')
  },
}

export default revision
