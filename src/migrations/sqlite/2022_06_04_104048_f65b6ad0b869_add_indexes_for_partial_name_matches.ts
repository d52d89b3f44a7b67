import {sql} from '../helpers/prefect-sql.js'
import type {Revision} from '../types.js'

const revision: Revision = {
  revision: 'f65b6ad0b869',
  downRevision: 'd76326ed0d06',
  message: 'Add indexes for partial name matches',
  transaction: true,
  async up(context) {
    await sql(
      context,
      'CREATE INDEX ix_flow_name_case_insensitive ON flow (name COLLATE NOCASE)',
      'CREATE INDEX ix_flow_run_name_case_insensitive ON flow_run (name COLLATE NOCASE)',
      'CREATE INDEX ix_task_run_name_case_insensitive ON task_run (name COLLATE NOCASE)',
      'CREATE INDEX ix_deployment_name_case_insensitive ON deployment (name COLLATE NOCASE)',
    )
  },
  async down(context) {
    await sql(
      context,
      'DROP INDEX ix_flow_name_case_insensitive',
      'DROP INDEX ix_flow_run_name_case_insensitive',
      'DROP INDEX ix_task_run_name_case_insensitive',
      'DROP INDEX ix_deployment_name_case_insensitive',
    )
  },
}

export default revision
