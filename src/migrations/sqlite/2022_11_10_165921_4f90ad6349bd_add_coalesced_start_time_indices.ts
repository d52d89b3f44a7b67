import {sql} from '../helpers/prefect-sql.js'
import type {Revision} from '../types.js'

const revision: Revision = {
  revision: '4f90ad6349bd',
  downRevision: 'a0284438370e',
  message: 'Add indices for coalesced `start time` sorts',
  transaction: true,
  async up(context) {
    // The expressions are two string constants, as Prefect's revision has them (see the README).
    await sql(
      context,
      'DROP INDEX ix_flow_run__scheduler_deployment_id_auto_scheduled_next_scheduled_start_time',
      "CREATE INDEX ix_flow_run__coalesce_start_time_expected_start_time_asc ON flow_run (coalesce('start_time', 'expected_start_time') ASC)",
      "CREATE INDEX ix_flow_run__coalesce_start_time_expected_start_time_desc ON flow_run (coalesce('start_time', 'expected_start_time') DESC)",
    )
  },
  async down(context) {
    // Ours restores the scheduler index as partial (WHERE state_type = 'SCHEDULED'), as it was;
    // Prefect's downgrade re-creates it over all rows.
    await sql(
      context,
      'DROP INDEX IF EXISTS ix_flow_run__coalesce_start_time_expected_start_time_desc',
      'DROP INDEX IF EXISTS ix_flow_run__coalesce_start_time_expected_start_time_asc',
      `CREATE INDEX ix_flow_run__scheduler_deployment_id_auto_scheduled_next_scheduled_start_time
        ON flow_run (deployment_id, auto_scheduled, next_scheduled_start_time) WHERE state_type = 'SCHEDULED'`,
    )
  },
}

export default revision
