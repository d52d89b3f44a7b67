import {sql} from '../helpers/prefect-sql.js'
import type {Revision} from '../types.js'

const revision: Revision = {
  revision: '71a57ec351d1',
  downRevision: 'c8ff35f94028',
  message: 'Index Flow.created',
  transaction: true,
  async up(context) {
    await sql(context, 'CREATE INDEX ix_flow__created ON flow (created)')
  },
  async down(context) {
    await sql(context, 'DROP INDEX ix_flow__created')
  },
}

export default revision
