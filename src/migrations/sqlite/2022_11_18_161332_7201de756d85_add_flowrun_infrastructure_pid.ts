import {sql} from '../helpers/prefect-sql.js'
import type {Revision} from '../types.js'

const revision: Revision = {
  revision: '7201de756d85',
  downRevision: '4f90ad6349bd',
  message: 'Add FlowRun.infrastructure_pid',
  transaction: true,
  async up(context) {
    await sql(context, 'ALTER TABLE flow_run ADD COLUMN infrastructure_pid VARCHAR')
  },
  async down(context) {
    await sql(context, 'ALTER TABLE flow_run DROP COLUMN infrastructure_pid')
  },
}

export default revision
