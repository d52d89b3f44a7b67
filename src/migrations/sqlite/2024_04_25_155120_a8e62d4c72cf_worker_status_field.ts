import {sql} from '../helpers/prefect-sql.js'
import type {Revision} from '../types.js'

const revision: Revision = {
  revision: 'a8e62d4c72cf',
  downRevision: '75c8f17b8b51',
  message: 'Worker status field',
  transaction: true,
  async up(context) {
    await sql(
      context,
      'ALTER TABLE work_pool ADD COLUMN last_transitioned_status_at DATETIME',
      'ALTER TABLE work_pool ADD COLUMN last_status_event_id CHAR(36)',
      "ALTER TABLE worker ADD COLUMN status VARCHAR(7) NOT NULL DEFAULT 'OFFLINE'",
    )
  },
  async down(context) {
    await sql(
      context,
      'ALTER TABLE worker DROP COLUMN status',
      'ALTER TABLE work_pool DROP COLUMN last_transitioned_status_at',
      'ALTER TABLE work_pool DROP COLUMN last_status_event_id',
    )
  },
}

export default revision
