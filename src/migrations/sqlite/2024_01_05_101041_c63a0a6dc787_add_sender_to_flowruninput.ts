import {sql} from '../helpers/prefect-sql.js'
import type {Revision} from '../types.js'

const revision: Revision = {
  revision: 'c63a0a6dc787',
  downRevision: '35659cc49969',
  message: 'Add `sender` to `FlowRunInput`',
  transaction: true,
  async up(context) {
    await sql(context, 'ALTER TABLE flow_run_input ADD COLUMN sender VARCHAR')
  },
  async down(context) {
    await sql(context, 'ALTER TABLE flow_run_input DROP COLUMN sender')
  },
}

export default revision
