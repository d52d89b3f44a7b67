import {sql} from '../helpers/prefect-sql.js'
import type {Revision} from '../types.js'

const revision: Revision = {
  revision: '3ced59d8806b',
  downRevision: '6d548701edef',
  message: 'Add last_polled',
  transaction: true,
  async up(context) {
    await sql(context, 'ALTER TABLE work_queue ADD COLUMN last_polled TIMESTAMP WITH TIME ZONE')
  },
  async down(context) {
    await sql(context, 'ALTER TABLE work_queue DROP COLUMN last_polled')
  },
}

export default revision
