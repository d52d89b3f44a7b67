import {sql} from '../helpers/prefect-sql.js'
import type {Revision} from '../types.js'

const revision: Revision = {
  revision: '342220764f0b',
  downRevision: '265eb1a2da4c',
  message: 'Add job_variables column to flow-runs',
  transaction: true,
  async up(context) {
    await sql(context, "ALTER TABLE flow_run ADD COLUMN job_variables JSON DEFAULT '{}'")
  },
  async down(context) {
    await sql(context, 'ALTER TABLE flow_run DROP COLUMN job_variables')
  },
}

export default revision
