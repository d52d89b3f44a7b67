import {SQLITE_BASE_COLUMNS} from '../helpers/base-columns.js'
import {sql} from '../helpers/prefect-sql.js'
import type {Revision} from '../types.js'

/*
 * The alert tables become notification tables. Their primary key names live in the CREATE TABLE
 * text on SQLite, so the tables are created under their new names and the rows copied over.
 * The policy table's foreign key keeps its old name, as in Prefect.
 */
const POLICY_COLUMNS = 'id, created, updated, name, is_active, state_names, tags, message_template, block_document_id'

const revision: Revision = {
  revision: 'd76326ed0d06',
  downRevision: 'e73c6f1fe752',
  message: 'Rename run alerts to run notifications',
  transaction: true,
  async up(context) {
    await sql(
      context,
      `CREATE TABLE flow_run_notification_policy (
  ${SQLITE_BASE_COLUMNS},
  name VARCHAR NOT NULL,
  is_active BOOLEAN NOT NULL DEFAULT '1',
  state_names JSON NOT NULL DEFAULT '[]',
  tags JSON NOT NULL DEFAULT '[]',
  message_template VARCHAR,
  block_document_id CHAR(36) NOT NULL,
  CONSTRAINT pk_flow_run_notification_policy PRIMARY KEY (id),
  CONSTRAINT fk_flow_run_alert_policy__block_document_id__block_document FOREIGN KEY (block_document_id) REFERENCES block_document (id) ON DELETE cascade
)`,
      `INSERT INTO flow_run_notification_policy (${POLICY_COLUMNS}) SELECT ${POLICY_COLUMNS} FROM flow_run_alert_policy`,
      'DROP TABLE flow_run_alert_policy',
      'CREATE INDEX ix_flow_run_notification_policy__name ON flow_run_notification_policy (name)',
      'CREATE INDEX ix_flow_run_notification_policy__updated ON flow_run_notification_policy (updated)',
      `CREATE TABLE flow_run_notification_queue (
  ${SQLITE_BASE_COLUMNS},
  flow_run_notification_policy_id CHAR(36) NOT NULL,
  flow_run_state_id CHAR(36) NOT NULL,
  CONSTRAINT pk_flow_run_notification_queue PRIMARY KEY (id)
)`,
      `INSERT INTO flow_run_notification_queue (id, created, updated, flow_run_notification_policy_id, flow_run_state_id)
SELECT id, created, updated, flow_run_alert_policy_id, flow_run_state_id FROM flow_run_alert_queue`,
      'DROP TABLE flow_run_alert_queue',
      'CREATE INDEX ix_flow_run_notification_queue__updated ON flow_run_notification_queue (updated)',
    )
  },
  async down(context) {
    await sql(
      context,
      `CREATE TABLE flow_run_alert_queue (
  ${SQLITE_BASE_COLUMNS},
  flow_run_alert_policy_id CHAR(36) NOT NULL,
  flow_run_state_id CHAR(36) NOT NULL,
  CONSTRAINT pk_flow_run_alert_queue PRIMARY KEY (id)
)`,
      `INSERT INTO flow_run_alert_queue (id, created, updated, flow_run_alert_policy_id, flow_run_state_id)
SELECT id, created, updated, flow_run_notification_policy_id, flow_run_state_id FROM flow_run_notification_queue`,
      'DROP TABLE flow_run_notification_queue',
      'CREATE INDEX ix_flow_run_alert_queue__updated ON flow_run_alert_queue (updated)',
      `CREATE TABLE flow_run_alert_policy (
  ${SQLITE_BASE_COLUMNS},
  name VARCHAR NOT NULL,
  is_active BOOLEAN NOT NULL DEFAULT '1',
  state_names JSON NOT NULL DEFAULT '[]',
  tags JSON NOT NULL DEFAULT '[]',
  message_template VARCHAR,
  block_document_id CHAR(36) NOT NULL,
  CONSTRAINT pk_flow_run_alert PRIMARY KEY (id),
  CONSTRAINT fk_flow_run_alert_policy__block_document_id__block_document FOREIGN KEY (block_document_id) REFERENCES block_document (id) ON DELETE cascade
)`,
      `INSERT INTO flow_run_alert_policy (${POLICY_COLUMNS}) SELECT ${POLICY_COLUMNS} FROM flow_run_notification_policy`,
      'DROP TABLE flow_run_notification_policy',
      'CREATE INDEX ix_flow_run_alert_policy__name ON flow_run_alert_policy (name)',
      'CREATE INDEX ix_flow_run_alert_policy__updated ON flow_run_alert_policy (updated)',
    )
  },
}

export default revision
