import {sql} from '../helpers/prefect-sql.js'
import type {Revision} from '../types.js'

/* The alert tables become notification tables; the policy's foreign key keeps its old name, as in Prefect. */
const revision: Revision = {
  revision: 'cdcb4018dd0e',
  downRevision: '2fe6fe6ca16e',
  message: 'Rename run alerts to run notifications',
  transaction: true,
  async up(context) {
    await sql(
      context,
      'ALTER TABLE flow_run_alert_policy RENAME TO flow_run_notification_policy',
      'ALTER INDEX pk_flow_run_alert RENAME TO pk_flow_run_notification_policy',
      'ALTER INDEX ix_flow_run_alert_policy__name RENAME TO ix_flow_run_notification_policy__name',
      'ALTER INDEX ix_flow_run_alert_policy__updated RENAME TO ix_flow_run_notification_policy__updated',
      'ALTER TABLE flow_run_alert_queue RENAME TO flow_run_notification_queue',
      'ALTER INDEX pk_flow_run_alert_queue RENAME TO pk_flow_run_notification_queue',
      'ALTER INDEX ix_flow_run_alert_queue__updated RENAME TO ix_flow_run_notification_queue__updated',
      'ALTER TABLE flow_run_notification_queue RENAME COLUMN flow_run_alert_policy_id TO flow_run_notification_policy_id',
    )
  },
  async down(context) {
    await sql(
      context,
      'ALTER TABLE flow_run_notification_queue RENAME TO flow_run_alert_queue',
      'ALTER INDEX pk_flow_run_notification_queue RENAME TO pk_flow_run_alert_queue',
      'ALTER INDEX ix_flow_run_notification_queue__updated RENAME TO ix_flow_run_alert_queue__updated',
      'ALTER TABLE flow_run_alert_queue RENAME COLUMN flow_run_notification_policy_id TO flow_run_alert_policy_id',
      'ALTER TABLE flow_run_notification_policy RENAME TO flow_run_alert_policy',
      'ALTER INDEX pk_flow_run_notification_policy RENAME TO pk_flow_run_alert',
      'ALTER INDEX ix_flow_run_notification_policy__name RENAME TO ix_flow_run_alert_policy__name',
      'ALTER INDEX ix_flow_run_notification_policy__updated RENAME TO ix_flow_run_alert_policy__updated',
    )
  },
}

export default revision
