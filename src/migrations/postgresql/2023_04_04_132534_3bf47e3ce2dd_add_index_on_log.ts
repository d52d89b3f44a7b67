import {sql} from '../helpers/prefect-sql.js'
import type {Revision} from '../types.js'

const revision: Revision = {
  revision: '3bf47e3ce2dd',
  downRevision: '46bd82c6279a',
  message: 'add_index_on_log',
  transaction: true,
  async up(context) {
    await sql(context, 'CREATE INDEX ix_log__flow_run_id_timestamp ON log (flow_run_id, timestamp)')
  },
  async down(context) {
    await sql(context, 'DROP INDEX ix_log__flow_run_id_timestamp')
  },
}

export default revision
