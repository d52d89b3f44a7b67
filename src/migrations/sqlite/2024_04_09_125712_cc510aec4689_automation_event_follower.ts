import {SQLITE_NOW, SQLITE_UUID, sql} from '../helpers/prefect-sql.js'
import type {Revision} from '../types.js'

const revision: Revision = {
  revision: 'cc510aec4689',
  downRevision: '8644a9595a08',
  message: 'Automation event follower',
  transaction: true,
  async up(context) {
    await sql(
      context,
      `CREATE TABLE automation_event_follower (
        leader_event_id CHAR(36) NOT NULL,
        follower_event_id CHAR(36) NOT NULL,
        received DATETIME NOT NULL,
        follower JSON NOT NULL,
        id CHAR(36) NOT NULL DEFAULT ${SQLITE_UUID},
        created DATETIME NOT NULL DEFAULT ${SQLITE_NOW},
        updated DATETIME NOT NULL DEFAULT ${SQLITE_NOW},
        CONSTRAINT pk_automation_event_follower PRIMARY KEY (id),
        CONSTRAINT uq_automation_event_follower__follower_event_id UNIQUE (follower_event_id)
      )`,
      'CREATE INDEX ix_automation_event_follower__leader_event_id ON automation_event_follower (leader_event_id)',
      'CREATE INDEX ix_automation_event_follower__received ON automation_event_follower (received)',
      'CREATE INDEX ix_automation_event_follower__updated ON automation_event_follower (updated)',
    )
  },
  async down(context) {
    await sql(
      context,
      'DROP INDEX ix_automation_event_follower__updated',
      'DROP INDEX ix_automation_event_follower__received',
      'DROP INDEX ix_automation_event_follower__leader_event_id',
      'DROP TABLE automation_event_follower',
    )
  },
}

export default revision
