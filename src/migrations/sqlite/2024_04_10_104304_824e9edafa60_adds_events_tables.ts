import {SQLITE_NOW, SQLITE_UUID, sql} from '../helpers/prefect-sql.js'
import type {Revision} from '../types.js'

const BASE = `id CHAR(36) NOT NULL DEFAULT ${SQLITE_UUID},
        created DATETIME NOT NULL DEFAULT ${SQLITE_NOW},
        updated DATETIME NOT NULL DEFAULT ${SQLITE_NOW}`

const EVENTS_INDEXES: Array<[string, string]> = [
  ['ix_events__event__id', 'event, id'],
  ['ix_events__event_occurred_id', 'event, occurred, id'],
  ['ix_events__event_related_occurred', 'event, related, occurred'],
  ['ix_events__event_resource_id_occurred', 'event, resource_id, occurred'],
  ['ix_events__occurred', 'occurred'],
  ['ix_events__occurred_id', 'occurred, id'],
  ['ix_events__related_resource_ids', 'related_resource_ids'],
  ['ix_events__updated', 'updated'],
]

const revision: Revision = {
  revision: '824e9edafa60',
  downRevision: '2b6c2b548f95',
  message: 'Add `events` and `event_resources` tables',
  transaction: true,
  async up(context) {
    await sql(
      context,
      `CREATE TABLE event_resources (
        occurred DATETIME NOT NULL,
        resource_id TEXT NOT NULL,
        resource_role TEXT NOT NULL,
        resource JSON NOT NULL,
        event_id CHAR(36) NOT NULL,
        ${BASE},
        CONSTRAINT pk_event_resources PRIMARY KEY (id)
      )`,
      'CREATE INDEX ix_event_resources__resource_id__occurred ON event_resources (resource_id, occurred)',
      'CREATE INDEX ix_event_resources__updated ON event_resources (updated)',
      `CREATE TABLE events (
        occurred DATETIME NOT NULL,
        event TEXT NOT NULL,
        resource_id TEXT NOT NULL,
        resource JSON NOT NULL,
        related_resource_ids JSON NOT NULL DEFAULT '[]',
        related JSON NOT NULL DEFAULT '[]',
        payload JSON NOT NULL,
        received DATETIME NOT NULL,
        recorded DATETIME NOT NULL,
        follows CHAR(36),
        ${BASE},
        CONSTRAINT pk_events PRIMARY KEY (id)
      )`,
      ...EVENTS_INDEXES.map(([name, columns]) => `CREATE INDEX ${name} ON events (${columns})`),
    )
  },
  async down(context) {
    await sql(
      context,
      ...EVENTS_INDEXES.map(([name]) => `DROP INDEX ${name}`),
      'DROP TABLE events',
      'DROP INDEX ix_event_resources__updated',
      'DROP INDEX ix_event_resources__resource_id__occurred',
      'DROP TABLE event_resources',
    )
  },
}

export default revision
