import {sql} from '../helpers/prefect-sql.js'
import type {Revision} from '../types.js'

const revision: Revision = {
  revision: 'aa1234567890',
  downRevision: '1c9bb7f78263',
  message: 'Add tags column to automation table',
  transaction: true,
  async up(context) {
    await sql(context, `ALTER TABLE automation ADD COLUMN tags JSONB NOT NULL DEFAULT '[]'`)
  },
  async down(context) {
    await sql(context, 'ALTER TABLE automation DROP COLUMN tags')
  },
}

export default revision
