import {SQLITE_NOW, SQLITE_UUID, sql} from '../helpers/prefect-sql.js'
import {rebuildSqliteTable} from '../helpers/sqlite-rebuild.js'
import type {Revision} from '../types.js'

const revision: Revision = {
  revision: '42762c37b7bc',
  downRevision: 'dff8da7a6c2c',
  message: 'Remove name column for notification policies',
  transaction: true,
  async up(context) {
    await sql(context, 'DROP INDEX ix_flow_run_notification_policy__name', 'ALTER TABLE flow_run_notification_policy DROP COLUMN name')
  },
  async down(context) {
    // Ours restores name as NOT NULL (Prefect's downgrade leaves it nullable); the old names are
    // gone, so existing policies get an empty name.
    await sql(context, "ALTER TABLE flow_run_notification_policy ADD COLUMN name VARCHAR NOT NULL DEFAULT ''")
    await rebuildSqliteTable(context.knex, {
      table: 'flow_run_notification_policy',
      createNew: `CREATE TABLE flow_run_notification_policy_new (
        id CHAR(36) NOT NULL DEFAULT ${SQLITE_UUID},
        created DATETIME NOT NULL DEFAULT ${SQLITE_NOW},
        updated DATETIME NOT NULL DEFAULT ${SQLITE_NOW},
        is_active BOOLEAN NOT NULL DEFAULT '1',
        state_names JSON NOT NULL DEFAULT '[]',
        tags JSON NOT NULL DEFAULT '[]',
        message_template VARCHAR,
        block_document_id CHAR(36) NOT NULL,
        name VARCHAR NOT NULL,
        CONSTRAINT pk_flow_run_notification_policy PRIMARY KEY (id),
        CONSTRAINT fk_flow_run_alert_policy__block_document_id__block_document FOREIGN KEY (block_document_id) REFERENCES block_document (id) ON DELETE CASCADE
      )`,
      columns: ['id', 'created', 'updated', 'is_active', 'state_names', 'tags', 'message_template', 'block_document_id', 'name'],
      indexes: [
        'CREATE INDEX ix_flow_run_notification_policy__name ON flow_run_notification_policy (name)',
        'CREATE INDEX ix_flow_run_notification_policy__updated ON flow_run_notification_policy (updated)',
      ],
    })
  },
}

export default revision
