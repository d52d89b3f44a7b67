import {sql} from '../helpers/prefect-sql.js'
import type {Revision} from '../types.js'

const revision: Revision = {
  revision: 'a1b2c3d4e5f7',
  downRevision: '9e83011d1f2a',
  message: 'Add expression index for per-schedule scheduler query',
  transaction: true,
  async up(context) {
    await sql(context, `CREATE INDEX IF NOT EXISTS ix_flow_run__schedule_id_scheduler
        ON flow_run (deployment_id, json_extract(created_by, '$.id'), next_scheduled_start_time)
        WHERE state_type = 'SCHEDULED' AND auto_scheduled = 1`)
  },
  async down(context) {
    await sql(context, 'DROP INDEX IF EXISTS ix_flow_run__schedule_id_scheduler')
  },
}

export default revision
