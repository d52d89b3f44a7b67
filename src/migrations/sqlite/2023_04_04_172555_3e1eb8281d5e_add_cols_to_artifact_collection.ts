import {sql} from '../helpers/prefect-sql.js'
import type {Revision} from '../types.js'

const COLUMNS = ['task_run_id CHAR(36)', 'flow_run_id CHAR(36)', 'type VARCHAR', 'data JSON', 'description VARCHAR', 'metadata_ JSON']

const revision: Revision = {
  revision: '3e1eb8281d5e',
  downRevision: '553920ec20e9',
  message: 'Add cols to artifact_collection',
  transaction: true,
  async up(context) {
    await sql(context, ...COLUMNS.map((column) => `ALTER TABLE artifact_collection ADD COLUMN ${column}`))
  },
  // Plain DROP COLUMN rather than Prefect's table rebuild, which also loses the DESC of
  // ix_artifact__key_created_desc: this keeps it, as the schema before the revision has it.
  async down(context) {
    await sql(context, ...[...COLUMNS].reverse().map((column) => `ALTER TABLE artifact_collection DROP COLUMN ${column.split(' ')[0]}`))
  },
}

export default revision
