import {sql} from '../helpers/prefect-sql.js'
import type {Revision} from '../types.js'

const revision: Revision = {
  revision: '79e7a60e43d8',
  downRevision: '2095de406cbe',
  message: 'Add index on event_resources(occurred) for vacuum performance',
  transaction: true,
  async up(context) {
    await sql(context, `CREATE INDEX IF NOT EXISTS ix_event_resources__occurred ON event_resources (occurred)`)
  },
  async down(context) {
    await sql(context, 'DROP INDEX IF EXISTS ix_event_resources__occurred')
  },
}

export default revision
