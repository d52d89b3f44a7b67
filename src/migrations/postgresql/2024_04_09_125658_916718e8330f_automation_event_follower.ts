import {sql} from '../helpers/prefect-sql.js'
import type {Revision} from '../types.js'

const revision: Revision = {
  revision: '916718e8330f',
  downRevision: 'bd6efa529f03',
  message: 'Automation event follower',
  transaction: true,
  async up(context) {
    await sql(
      context,
      `CREATE TABLE automation_event_follower (
        leader_event_id UUID NOT NULL,
        follower_event_id UUID NOT NULL,
        received TIMESTAMP WITH TIME ZONE NOT NULL,
        follower JSONB NOT NULL,
        id UUID NOT NULL DEFAULT gen_random_uuid(),
        created TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
        updated TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
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
