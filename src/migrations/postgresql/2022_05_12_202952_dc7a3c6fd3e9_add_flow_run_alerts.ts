import {sql} from '../helpers/prefect-sql.js'
import type {Revision} from '../types.js'

const revision: Revision = {
  revision: 'dc7a3c6fd3e9',
  downRevision: '1c9390e2f9c6',
  message: 'Add flow run alert policies',
  transaction: true,
  async up(context) {
    await sql(
      context,
      `CREATE TABLE flow_run_alert_queue (
  id UUID NOT NULL DEFAULT gen_random_uuid(),
  created TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
  flow_run_alert_policy_id UUID NOT NULL,
  flow_run_state_id UUID NOT NULL,
  CONSTRAINT pk_flow_run_alert_queue PRIMARY KEY (id)
)`,
      'CREATE INDEX ix_flow_run_alert_queue__updated ON flow_run_alert_queue (updated)',
      `CREATE TABLE flow_run_alert_policy (
  id UUID NOT NULL DEFAULT gen_random_uuid(),
  created TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
  name VARCHAR NOT NULL,
  is_active BOOLEAN NOT NULL DEFAULT true,
  state_names JSONB NOT NULL DEFAULT '[]',
  tags JSONB NOT NULL DEFAULT '[]',
  message_template VARCHAR,
  block_document_id UUID NOT NULL,
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
