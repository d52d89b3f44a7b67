import {sql} from '../helpers/prefect-sql.js'
import type {Revision} from '../types.js'

const revision: Revision = {
  revision: '2e7e1428ffce',
  downRevision: 'b68b3cad6b8a',
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
