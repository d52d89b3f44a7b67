import {sql} from '../helpers/prefect-sql.js'
import type {Revision} from '../types.js'

const revision: Revision = {
  revision: '14806cb26270',
  downRevision: '79e7a60e43d8',
  message: 'Add index on event_resources(event_id) for vacuum performance',
  transaction: true,
  async up(context) {
    await sql(context, `CREATE INDEX IF NOT EXISTS ix_event_resources__event_id ON event_resources (event_id)`)
  },
  async down(context) {
    await sql(context, 'DROP INDEX IF EXISTS ix_event_resources__event_id')
  },
}

export default revision
