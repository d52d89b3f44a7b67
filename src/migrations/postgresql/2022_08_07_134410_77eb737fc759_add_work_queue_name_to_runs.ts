import {sql} from '../helpers/prefect-sql.js'
import type {Revision} from '../types.js'

const revision: Revision = {
  revision: '77eb737fc759',
  downRevision: '60e428f92a75',
  message: 'Add work queue name to runs',
  transaction: true,
  async up(context) {
    await sql(
      context,
      'ALTER TABLE deployment ADD COLUMN work_queue_name VARCHAR',
      'CREATE INDEX ix_deployment__work_queue_name ON deployment (work_queue_name)',
      'ALTER TABLE flow_run ADD COLUMN work_queue_name VARCHAR',
      'CREATE INDEX ix_flow_run__work_queue_name ON flow_run (work_queue_name)',
      'ALTER TABLE work_queue ALTER COLUMN filter DROP NOT NULL',
      'ALTER TABLE work_queue ALTER COLUMN filter DROP DEFAULT',
    )
  },
  async down(context) {
    // Queues without a filter get the empty one back before it becomes NOT NULL again.
    await sql(
      context,
      "UPDATE work_queue SET filter = '{}' WHERE filter IS NULL",
      "ALTER TABLE work_queue ALTER COLUMN filter SET DEFAULT '{}'::jsonb",
      'ALTER TABLE work_queue ALTER COLUMN filter SET NOT NULL',
      'DROP INDEX ix_flow_run__work_queue_name',
      'ALTER TABLE flow_run DROP COLUMN work_queue_name',
      'DROP INDEX ix_deployment__work_queue_name',
      'ALTER TABLE deployment DROP COLUMN work_queue_name',
    )
  },
}

export default revision
