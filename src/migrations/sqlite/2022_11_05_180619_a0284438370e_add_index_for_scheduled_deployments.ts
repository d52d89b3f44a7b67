import {sql} from '../helpers/prefect-sql.js'
import type {Revision} from '../types.js'

const revision: Revision = {
  revision: 'a0284438370e',
  downRevision: 'af52717cf201',
  message: 'Add index for scheduled deployments',
  transaction: true,
  async up(context) {
    await sql(
      context,
      `CREATE INDEX ix_flow_run__scheduler_deployment_id_auto_scheduled_next_scheduled_start_time
        ON flow_run (deployment_id, auto_scheduled, next_scheduled_start_time) WHERE state_type = 'SCHEDULED'`,
    )
  },
  async down(context) {
    await sql(context, 'DROP INDEX ix_flow_run__scheduler_deployment_id_auto_scheduled_next_scheduled_start_time')
  },
}

export default revision
