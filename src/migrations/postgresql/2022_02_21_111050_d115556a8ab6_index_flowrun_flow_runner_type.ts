import {sql} from '../helpers/prefect-sql.js'
import type {Revision} from '../types.js'

const revision: Revision = {
  revision: 'd115556a8ab6',
  downRevision: '4799f657a6a1',
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
