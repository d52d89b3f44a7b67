import {sql} from '../helpers/prefect-sql.js'
import type {Revision} from '../types.js'

const revision: Revision = {
  revision: '2fe8ef6a6514',
  downRevision: '628a873f0d1a',
  message: 'Remove flow runners',
  transaction: true,
  async up(context) {
    await sql(
      context,
      'ALTER TABLE deployment DROP COLUMN flow_runner_type',
      'ALTER TABLE deployment DROP COLUMN flow_runner_config',
      'DROP INDEX ix_flow_run__flow_runner_type',
      'ALTER TABLE flow_run DROP COLUMN flow_runner_type',
      'ALTER TABLE flow_run DROP COLUMN empirical_config',
      'ALTER TABLE flow_run DROP COLUMN flow_runner_config',
    )
  },
  async down(context) {
    await sql(
      context,
      'ALTER TABLE flow_run ADD COLUMN flow_runner_config JSON',
      "ALTER TABLE flow_run ADD COLUMN empirical_config JSON NOT NULL DEFAULT '{}'",
      'ALTER TABLE flow_run ADD COLUMN flow_runner_type VARCHAR',
      'CREATE INDEX ix_flow_run__flow_runner_type ON flow_run (flow_runner_type)',
      'ALTER TABLE deployment ADD COLUMN flow_runner_config JSON',
      'ALTER TABLE deployment ADD COLUMN flow_runner_type VARCHAR',
    )
  },
}

export default revision
