import {migrateNotificationPolicies} from '../helpers/notification-automations.js'
import {sql} from '../helpers/prefect-sql.js'
import type {Revision} from '../types.js'

/*
 * Flow run notification policies become automations (see notification-automations.ts), then
 * both notification tables go. Outside a transaction, as Prefect runs it: the rows move in batches
 * that each commit whole, and every step can be repeated after a stop. The downgrade brings the
 * empty tables back; the automations stay.
 */
const revision: Revision = {
  revision: '4160a4841eed',
  downRevision: '7a73514ca2d6',
  message: 'Remove flow run notifications',
  transaction: false,
  async up(context) {
    await migrateNotificationPolicies(context)
    await sql(context, 'DROP TABLE IF EXISTS flow_run_notification_queue', 'DROP TABLE IF EXISTS flow_run_notification_policy')
  },
  async down(context) {
    await sql(
      context,
      `CREATE TABLE IF NOT EXISTS flow_run_notification_queue (
        id UUID NOT NULL DEFAULT gen_random_uuid(),
        created TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
        updated TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
        flow_run_notification_policy_id UUID NOT NULL,
        flow_run_state_id UUID NOT NULL,
        CONSTRAINT pk_flow_run_notification_queue PRIMARY KEY (id)
      )`,
      'CREATE INDEX IF NOT EXISTS ix_flow_run_notification_queue__updated ON flow_run_notification_queue (updated)',
      // The foreign key gets its name from before the upgrade; Prefect's downgrade names it
      // fk_flow_run_notification_policy__block_document_id__blo_b927.
      `CREATE TABLE IF NOT EXISTS flow_run_notification_policy (
        id UUID NOT NULL DEFAULT gen_random_uuid(),
        created TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
        updated TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
        is_active BOOLEAN NOT NULL DEFAULT true,
        state_names JSONB NOT NULL DEFAULT '[]',
        tags JSONB NOT NULL DEFAULT '[]',
        message_template VARCHAR,
        block_document_id UUID NOT NULL,
        CONSTRAINT pk_flow_run_notification_policy PRIMARY KEY (id),
        CONSTRAINT fk_flow_run_alert_policy__block_document_id__block_document
          FOREIGN KEY (block_document_id) REFERENCES block_document (id) ON DELETE CASCADE
      )`,
      'CREATE INDEX IF NOT EXISTS ix_flow_run_notification_policy__updated ON flow_run_notification_policy (updated)',
    )
  },
}

export default revision
