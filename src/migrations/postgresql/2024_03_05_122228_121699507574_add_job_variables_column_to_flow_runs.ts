import {sql} from '../helpers/prefect-sql.js'
import type {Revision} from '../types.js'

const revision: Revision = {
  revision: '121699507574',
  downRevision: '8cf4d4933848',
  message: 'Add job_variables column to flow-runs',
  transaction: true,
  async up(context) {
    await sql(context, "ALTER TABLE flow_run ADD COLUMN job_variables JSONB DEFAULT '{}'")
  },
  async down(context) {
    await sql(context, 'ALTER TABLE flow_run DROP COLUMN job_variables')
  },
}

export default revision
