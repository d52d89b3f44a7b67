import {MigrationError} from '../../errors.js'
import {SQLITE_NOW, SQLITE_UUID, selectRows, sql} from '../helpers/prefect-sql.js'
import {rebuildSqliteTable} from '../helpers/sqlite-rebuild.js'
import type {Revision} from '../types.js'

const COLUMNS = ['leader_event_id', 'follower_event_id', 'received', 'follower', 'id', 'created', 'updated']

const INDEXES = [
  'CREATE INDEX ix_automation_event_follower__leader_event_id ON automation_event_follower (leader_event_id)',
  'CREATE INDEX ix_automation_event_follower__received ON automation_event_follower (received)',
  'CREATE INDEX ix_automation_event_follower__updated ON automation_event_follower (updated)',
]

function createFollower(tail: string): string {
  return `CREATE TABLE automation_event_follower_new (
    leader_event_id CHAR(36) NOT NULL,
    follower_event_id CHAR(36) NOT NULL,
    received DATETIME NOT NULL,
    follower JSON NOT NULL,
    id CHAR(36) NOT NULL DEFAULT ${SQLITE_UUID},
    created DATETIME NOT NULL DEFAULT ${SQLITE_NOW},
    updated DATETIME NOT NULL DEFAULT ${SQLITE_NOW},
    ${tail}
  )`
}

const revision: Revision = {
  revision: '354f1ede7e9f',
  downRevision: '2ac65f1758c2',
  message: 'Adding scope to followers',
  transaction: true,
  async up(context) {
    // scope is NOT NULL without a default: Prefect's upgrade fails on any existing follower row.
    // Say so plainly instead of failing on the constraint.
    const rows = await selectRows<{n: number}>(context, 'SELECT count(*) AS n FROM automation_event_follower')
    const n = Number(rows[0]?.n ?? 0)
    if (n > 0) {
      throw new MigrationError(
        `automation_event_follower holds ${n} row(s), which the new required column scope has no value for; nothing was changed.`,
        "Prefect's own upgrade fails on such rows too. They are followers waiting for their leader event: " +
          'once they are handled or deleted, run the upgrade again.',
      )
    }

    await rebuildSqliteTable(context.knex, {
      table: 'automation_event_follower',
      createNew: createFollower(`scope VARCHAR NOT NULL,
    CONSTRAINT pk_automation_event_follower PRIMARY KEY (id)`),
      columns: COLUMNS,
      indexes: [
        ...INDEXES,
        'CREATE INDEX ix_automation_event_follower__scope ON automation_event_follower (scope)',
        'CREATE UNIQUE INDEX uq_follower_for_scope ON automation_event_follower (scope, follower_event_id)',
      ],
    })
  },
  async down(context) {
    await sql(context, 'DROP INDEX uq_follower_for_scope', 'DROP INDEX ix_automation_event_follower__scope')
    await rebuildSqliteTable(context.knex, {
      table: 'automation_event_follower',
      createNew: createFollower(`CONSTRAINT pk_automation_event_follower PRIMARY KEY (id),
    CONSTRAINT uq_automation_event_follower__follower_event_id UNIQUE (follower_event_id)`),
      columns: COLUMNS,
      indexes: INDEXES,
    })
  },
}

export default revision
