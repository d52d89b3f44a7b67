import {sql} from '../helpers/prefect-sql.js'
import type {Revision} from '../types.js'

const revision: Revision = {
  revision: '8ea825da948d',
  downRevision: '3ced59d8806b',
  message: 'Add retry and restart metadata',
  transaction: true,
  async up(context) {
    await sql(context, 'ALTER TABLE task_run ADD COLUMN flow_run_run_count INTEGER NOT NULL DEFAULT 0')
  },
  async down(context) {
    await sql(context, 'ALTER TABLE task_run DROP COLUMN flow_run_run_count')
  },
}

export default revision
