import {sql} from '../helpers/prefect-sql.js'
import type {Revision} from '../types.js'

const revision: Revision = {
  revision: 'e085c9cbf8ce',
  downRevision: '0cf7311d6ea6',
  message: 'Remove flow runners',
  transaction: true,
  async up(context) {
    // Prefect drops deployment.description here too (and adds it back in the next revision).
    await sql(
      context,
      'ALTER TABLE deployment DROP COLUMN flow_runner_type',
      'ALTER TABLE deployment DROP COLUMN flow_runner_config',
      'ALTER TABLE deployment DROP COLUMN description',
      'DROP INDEX ix_flow_run__flow_runner_type',
      'ALTER TABLE flow_run DROP COLUMN flow_runner_type',
      'ALTER TABLE flow_run DROP COLUMN flow_runner_config',
      'ALTER TABLE flow_run DROP COLUMN empirical_config',
    )
  },
  async down(context) {
    await sql(
      context,
      "ALTER TABLE flow_run ADD COLUMN empirical_config JSONB NOT NULL DEFAULT '{}'::jsonb",
      'ALTER TABLE flow_run ADD COLUMN flow_runner_config JSONB',
      'ALTER TABLE flow_run ADD COLUMN flow_runner_type VARCHAR',
      'CREATE INDEX ix_flow_run__flow_runner_type ON flow_run (flow_runner_type)',
      'ALTER TABLE deployment ADD COLUMN description TEXT',
      'ALTER TABLE deployment ADD COLUMN flow_runner_config JSONB',
      'ALTER TABLE deployment ADD COLUMN flow_runner_type VARCHAR',
    )
  },
}

export default revision
