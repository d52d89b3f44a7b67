import {sql} from '../helpers/prefect-sql.js'
import type {Revision} from '../types.js'

const revision: Revision = {
  revision: '46bd82c6279a',
  downRevision: 'd20618ce678e',
  message: 'Add index on artifact',
  transaction: true,
  async up(context) {
    await sql(context, 'CREATE INDEX IF NOT EXISTS ix_artifact__key_created_desc ON artifact (key, created DESC) INCLUDE (id, updated, type, task_run_id, flow_run_id)')
  },
  async down(context) {
    await sql(context, 'DROP INDEX IF EXISTS ix_artifact__key_created_desc')
  },
}

export default revision
