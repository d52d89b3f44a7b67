import {SQLITE_BASE_COLUMNS} from '../helpers/base-columns.js'
import {sql} from '../helpers/prefect-sql.js'
import type {Revision} from '../types.js'

const revision: Revision = {
  revision: '888a0bb0df7b',
  downRevision: 'b75d279ba985',
  message: 'Add flow run alert policies',
  transaction: true,
  async up(context) {
    await sql(
      context,
      `CREATE TABLE flow_run_alert_queue (
  ${SQLITE_BASE_COLUMNS},
  flow_run_alert_policy_id CHAR(36) NOT NULL,
  flow_run_state_id CHAR(36) NOT NULL,
  CONSTRAINT pk_flow_run_alert_queue PRIMARY KEY (id)
)`,
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
      'CREATE INDEX ix_flow_run_alert_policy__name ON flow_run_alert_policy (name)',
      'CREATE INDEX ix_flow_run_alert_policy__updated ON flow_run_alert_policy (updated)',
    )
  },
  async down(context) {
    await sql(
      context,
      'DROP INDEX ix_flow_run_alert_policy__name',
      'DROP INDEX ix_flow_run_alert_policy__updated',
      'DROP TABLE flow_run_alert_policy',
      'DROP INDEX ix_flow_run_alert_queue__updated',
      'DROP TABLE flow_run_alert_queue',
    )
  },
}

export default revision
