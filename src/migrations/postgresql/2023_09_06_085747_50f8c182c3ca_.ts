import {sql} from '../helpers/prefect-sql.js'
import type {Revision} from '../types.js'

const revision: Revision = {
  revision: '50f8c182c3ca',
  downRevision: '5f623ddbf7fe',
  message: 'Adds heartbeat_interval_seconds column to worker table',
  transaction: true,
  async up(context) {
    await sql(context, 'ALTER TABLE worker ADD COLUMN heartbeat_interval_seconds INTEGER')
  },
  async down(context) {
    await sql(context, 'ALTER TABLE worker DROP COLUMN heartbeat_interval_seconds')
  },
}

export default revision
