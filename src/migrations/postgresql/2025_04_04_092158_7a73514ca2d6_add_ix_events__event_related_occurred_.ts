import {sql} from '../helpers/prefect-sql.js'
import type {Revision} from '../types.js'

const revision: Revision = {
  revision: '7a73514ca2d6',
  downRevision: '06b7c293bc69',
  message: 'Add ix_events__event_related_occurred_md5',
  transaction: true,
  async up(context) {
    await sql(
      context,
      'DROP INDEX ix_events__event_related_occurred',
      'DROP INDEX ix_events__related_resource_ids',
      'CREATE INDEX ix_events__related_gin ON events USING gin (related)',
      'CREATE INDEX ix_events__event_occurred ON events (event, occurred)',
      'CREATE INDEX ix_events__related_resource_ids_gin ON events USING gin (related_resource_ids)',
    )
  },
  async down(context) {
    await sql(
      context,
      'DROP INDEX ix_events__related_gin',
      'DROP INDEX ix_events__event_occurred',
      'DROP INDEX ix_events__related_resource_ids_gin',
      'CREATE INDEX ix_events__event_related_occurred ON events (event, related, occurred)',
      'CREATE INDEX ix_events__related_resource_ids ON events (related_resource_ids)',
    )
  },
}

export default revision
