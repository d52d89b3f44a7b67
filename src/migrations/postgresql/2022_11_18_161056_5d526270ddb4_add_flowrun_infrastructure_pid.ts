import {sql} from '../helpers/prefect-sql.js'
import type {Revision} from '../types.js'

const revision: Revision = {
  revision: '5d526270ddb4',
  downRevision: '8caf7c1fd82c',
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
