import {sql} from '../helpers/prefect-sql.js'
import type {Revision} from '../types.js'

const revision: Revision = {
  revision: 'f327e877e423',
  downRevision: 'e1ff4973a9eb',
  message: 'Index FlowRun.flow_runner_type',
  transaction: true,
  async up(context) {
    await sql(context, 'CREATE INDEX ix_flow_run__flow_runner_type ON flow_run (flow_runner_type)')
  },
  async down(context) {
    await sql(context, 'DROP INDEX ix_flow_run__flow_runner_type')
  },
}

export default revision
