import {sql} from '../helpers/prefect-sql.js'
import type {Revision} from '../types.js'

const COLUMNS = ['task_run_id UUID', 'flow_run_id UUID', 'type VARCHAR', 'data JSON', 'description VARCHAR', 'metadata_ JSON']

const revision: Revision = {
  revision: '6a1eb3d442e4',
  downRevision: '3bf47e3ce2dd',
  message: 'Add cols to artifact_collection',
  transaction: true,
  async up(context) {
    await sql(context, ...COLUMNS.map((column) => `ALTER TABLE artifact_collection ADD COLUMN ${column}`))
  },
  async down(context) {
    await sql(context, ...[...COLUMNS].reverse().map((column) => `ALTER TABLE artifact_collection DROP COLUMN ${column.split(' ')[0]}`))
  },
}

export default revision
