import {refuseIfRows, sql} from '../helpers/prefect-sql.js'
import type {Revision} from '../types.js'

const revision: Revision = {
  revision: '05ea6f882b1d',
  downRevision: '4e9a6f93eb6c',
  message: 'Make flow_run_id nullable on task_run and log tables',
  transaction: true,
  async up(context) {
    await sql(
      context,
      'ALTER TABLE task_run ALTER COLUMN flow_run_id DROP NOT NULL',
      'ALTER TABLE log ALTER COLUMN flow_run_id DROP NOT NULL',
    )
  },
  async down(context) {
    const hint = 'Delete those rows (or give them a flow run) before downgrading past 05ea6f882b1d.'
    await refuseIfRows(context, 'SELECT count(*) AS n FROM task_run WHERE flow_run_id IS NULL', 'Cannot make task_run.flow_run_id NOT NULL again: task runs without a flow run exist', hint)
    await refuseIfRows(context, 'SELECT count(*) AS n FROM log WHERE flow_run_id IS NULL', 'Cannot make log.flow_run_id NOT NULL again: logs without a flow run exist', hint)
    await sql(
      context,
      'ALTER TABLE task_run ALTER COLUMN flow_run_id SET NOT NULL',
      'ALTER TABLE log ALTER COLUMN flow_run_id SET NOT NULL',
    )
  },
}

export default revision
