import {sql} from '../helpers/prefect-sql.js'
import type {Revision} from '../types.js'

const revision: Revision = {
  revision: 'f416ea180ae1',
  downRevision: '14806cb26270',
  message: 'Add index on flow_run(deployment_id)',
  transaction: true,
  async up(context) {
    await sql(context, `CREATE INDEX IF NOT EXISTS ix_flow_run__deployment_id ON flow_run (deployment_id)`)
  },
  async down(context) {
    await sql(context, 'DROP INDEX IF EXISTS ix_flow_run__deployment_id')
  },
}

export default revision
