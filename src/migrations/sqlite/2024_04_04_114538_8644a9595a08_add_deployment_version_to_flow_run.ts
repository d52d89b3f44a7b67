import {sql} from '../helpers/prefect-sql.js'
import type {Revision} from '../types.js'

const revision: Revision = {
  revision: '8644a9595a08',
  downRevision: '07ed05dfd4ec',
  message: 'add_deployment_version_to_flow_run',
  transaction: true,
  async up(context) {
    await sql(
      context,
      'ALTER TABLE flow_run ADD COLUMN deployment_version VARCHAR',
      'CREATE INDEX ix_flow_run__deployment_version ON flow_run (deployment_version)',
    )
  },
  async down(context) {
    await sql(context, 'DROP INDEX ix_flow_run__deployment_version', 'ALTER TABLE flow_run DROP COLUMN deployment_version')
  },
}

export default revision
