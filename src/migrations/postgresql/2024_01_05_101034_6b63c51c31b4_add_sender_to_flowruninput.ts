import {sql} from '../helpers/prefect-sql.js'
import type {Revision} from '../types.js'

const revision: Revision = {
  revision: '6b63c51c31b4',
  downRevision: '7c453555d3a5',
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
