import {sql} from '../helpers/prefect-sql.js'
import type {Revision} from '../types.js'

const TABLES = ['deployment', 'flow', 'flow_run', 'task_run'] as const

const revision: Revision = {
  revision: '5952a5498b51',
  downRevision: '4ad4658cbefe',
  message: 'Add `labels` column to Flow, FlowRun, TaskRun, and Deployment',
  transaction: true,
  async up(context) {
    await sql(context, ...TABLES.map((table) => `ALTER TABLE ${table} ADD COLUMN labels JSON`))
  },
  async down(context) {
    // Plain DROP COLUMN: unlike Prefect's table rebuild, flow keeps COLLATE NOCASE on ix_flow_name_case_insensitive.
    await sql(context, ...[...TABLES].reverse().map((table) => `ALTER TABLE ${table} DROP COLUMN labels`))
  },
}

export default revision
