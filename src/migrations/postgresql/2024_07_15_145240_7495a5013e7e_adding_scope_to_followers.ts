import {MigrationError} from '../../errors.js'
import {selectRows, sql} from '../helpers/prefect-sql.js'
import type {Revision} from '../types.js'

const revision: Revision = {
  revision: '7495a5013e7e',
  downRevision: '94622c1663e8',
  message: 'Adding scope to followers',
  transaction: true,
  async up(context) {
    // scope is NOT NULL without a default: Prefect's upgrade fails on any existing follower row.
    // Say so plainly instead of failing on the constraint.
    const rows = await selectRows<{n: number | string}>(context, 'SELECT count(*) AS n FROM automation_event_follower')
    const n = Number(rows[0]?.n ?? 0)
    if (n > 0) {
      throw new MigrationError(
        `automation_event_follower holds ${n} row(s), which the new required column scope has no value for; nothing was changed.`,
        "Prefect's own upgrade fails on such rows too. They are followers waiting for their leader event: " +
          'once they are handled or deleted, run the upgrade again.',
      )
    }

    await sql(
      context,
      'ALTER TABLE automation_event_follower ADD COLUMN scope VARCHAR NOT NULL',
      'ALTER TABLE automation_event_follower DROP CONSTRAINT uq_automation_event_follower__follower_event_id',
      'CREATE INDEX ix_automation_event_follower__scope ON automation_event_follower (scope)',
      'CREATE UNIQUE INDEX uq_follower_for_scope ON automation_event_follower (scope, follower_event_id)',
    )
  },
  async down(context) {
    await sql(
      context,
      'DROP INDEX uq_follower_for_scope',
      'DROP INDEX ix_automation_event_follower__scope',
      `ALTER TABLE automation_event_follower
        ADD CONSTRAINT uq_automation_event_follower__follower_event_id UNIQUE (follower_event_id)`,
      'ALTER TABLE automation_event_follower DROP COLUMN scope',
    )
  },
}

export default revision
