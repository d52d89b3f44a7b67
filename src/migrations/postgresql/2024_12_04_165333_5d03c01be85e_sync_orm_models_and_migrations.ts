import {sql} from '../helpers/prefect-sql.js'
import type {Revision} from '../types.js'

/*
 * Brings the PostgreSQL schema in line with the ORM. artifact_collection.latest_id becomes NOT NULL:
 * collections without a latest artifact get a random id first, as in Prefect's upgrade (the
 * downgrade makes the column nullable again but cannot tell which ids were made up).
 */
const revision: Revision = {
  revision: '5d03c01be85e',
  downRevision: '68a44144428d',
  message: 'Sync ORM models and migrations',
  transaction: true,
  async up(context) {
    await sql(
      context,
      'UPDATE artifact_collection SET latest_id = gen_random_uuid() WHERE latest_id IS NULL',
      'ALTER TABLE artifact_collection ALTER COLUMN latest_id SET NOT NULL',
      'CREATE INDEX ix_artifact_collection__updated ON artifact_collection (updated)',
      'ALTER TABLE deployment DROP COLUMN schedule',
      'ALTER TABLE deployment DROP COLUMN is_schedule_active',
      'ALTER TABLE deployment DROP COLUMN flow_data',
      'DROP INDEX ix_flow_run__deployment_id',
      'ALTER TABLE deployment DROP COLUMN manifest_path',
      'ALTER TABLE deployment_schedule DROP COLUMN catchup',
      'ALTER TABLE deployment_schedule DROP COLUMN max_active_runs',
    )
  },
  async down(context) {
    await sql(
      context,
      'CREATE INDEX ix_flow_run__deployment_id ON flow_run (deployment_id)',
      'ALTER TABLE deployment_schedule ADD COLUMN max_active_runs INTEGER',
      'ALTER TABLE deployment_schedule ADD COLUMN catchup BOOLEAN NOT NULL DEFAULT false',
      'ALTER TABLE deployment ADD COLUMN flow_data JSONB',
      'ALTER TABLE deployment ADD COLUMN is_schedule_active BOOLEAN NOT NULL DEFAULT true',
      'ALTER TABLE deployment ADD COLUMN manifest_path VARCHAR',
      'ALTER TABLE deployment ADD COLUMN schedule JSONB',
      'DROP INDEX ix_artifact_collection__updated',
      'ALTER TABLE artifact_collection ALTER COLUMN latest_id DROP NOT NULL',
    )
  },
}

export default revision
