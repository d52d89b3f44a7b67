import {sql} from '../helpers/prefect-sql.js'
import type {Revision} from '../types.js'

const revision: Revision = {
  revision: 'c2d001b7dd06',
  downRevision: '5b0bd3b41a23',
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
