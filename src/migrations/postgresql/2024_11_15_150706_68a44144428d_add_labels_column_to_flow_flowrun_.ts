import {sql} from '../helpers/prefect-sql.js'
import type {Revision} from '../types.js'

const TABLES = ['deployment', 'flow', 'flow_run', 'task_run'] as const

const revision: Revision = {
  revision: '68a44144428d',
  downRevision: 'eaec5004771f',
  message: 'Add `labels` column to Flow, FlowRun, TaskRun, and Deployment',
  transaction: true,
  async up(context) {
    await sql(context, ...TABLES.map((table) => `ALTER TABLE ${table} ADD COLUMN labels JSONB`))
  },
  async down(context) {
    await sql(context, ...[...TABLES].reverse().map((table) => `ALTER TABLE ${table} DROP COLUMN labels`))
  },
}

export default revision
