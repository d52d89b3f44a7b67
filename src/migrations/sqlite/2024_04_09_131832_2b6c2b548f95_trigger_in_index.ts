import {SQLITE_NOW, SQLITE_UUID, sql} from '../helpers/prefect-sql.js'
import {rebuildSqliteTable} from '../helpers/sqlite-rebuild.js'
import type {Revision} from '../types.js'

const COLUMNS = [
  'automation_id', 'trigger_id', 'bucketing_key', 'last_event', 'start', '"end"', 'count', 'last_operation',
  'triggered_at', 'id', 'created', 'updated',
]

/** automation_bucket as rebuilt: only the nullability of trigger_id and triggered_at differs. */
function createBucket(triggerId: 'NULL' | 'NOT NULL', triggeredAt: 'NULL' | 'NOT NULL'): string {
  return `CREATE TABLE automation_bucket_new (
    automation_id CHAR(36) NOT NULL,
    trigger_id CHAR(36) ${triggerId},
    bucketing_key JSON NOT NULL,
    last_event JSON,
    start DATETIME NOT NULL,
    "end" DATETIME NOT NULL,
    count INTEGER NOT NULL,
    last_operation VARCHAR,
    triggered_at DATETIME ${triggeredAt},
    id CHAR(36) NOT NULL DEFAULT ${SQLITE_UUID},
    created DATETIME NOT NULL DEFAULT ${SQLITE_NOW},
    updated DATETIME NOT NULL DEFAULT ${SQLITE_NOW},
    CONSTRAINT pk_automation_bucket PRIMARY KEY (id),
    CONSTRAINT fk_automation_bucket__automation_id__automation FOREIGN KEY (automation_id)
      REFERENCES automation (id) ON DELETE CASCADE
  )`
}

const INDEXES = [
  'CREATE INDEX ix_automation_bucket__automation_id__end ON automation_bucket (automation_id, "end")',
  'CREATE INDEX ix_automation_bucket__updated ON automation_bucket (updated)',
]

const revision: Revision = {
  revision: '2b6c2b548f95',
  downRevision: 'cc510aec4689',
  message: 'Add `trigger_id` to the unique index for `automation_bucket`',
  transaction: true,
  async up(context) {
    // A bucket without trigger_id stops the rebuild (NOT NULL), as in Prefect's upgrade.
    await rebuildSqliteTable(context.knex, {
      table: 'automation_bucket',
      createNew: createBucket('NOT NULL', 'NULL'),
      columns: COLUMNS,
      indexes: [
        ...INDEXES,
        `CREATE UNIQUE INDEX uq_automation_bucket__automation_id__trigger_id__bucketing_key
          ON automation_bucket (automation_id, trigger_id, bucketing_key)`,
      ],
    })
  },
  async down(context) {
    // triggered_at comes back as DATETIME; Prefect's downgrade makes it TIMESTAMP.
    await sql(context, 'DROP INDEX uq_automation_bucket__automation_id__trigger_id__bucketing_key')
    await rebuildSqliteTable(context.knex, {
      table: 'automation_bucket',
      createNew: createBucket('NULL', 'NOT NULL'),
      columns: COLUMNS,
      indexes: [
        ...INDEXES,
        'CREATE UNIQUE INDEX uq_automation_bucket__automation_id__bucketing_key ON automation_bucket (automation_id, bucketing_key)',
      ],
    })
  },
}

export default revision
