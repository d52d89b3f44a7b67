import {sql} from '../helpers/prefect-sql.js'
import type {Revision} from '../types.js'

const revision: Revision = {
  revision: '7737221bf8a4',
  downRevision: '97e212ea6545',
  message: 'Fix name on concurrency_limit.tag index.',
  transaction: true,
  async up(context) {
    await sql(context, 'ALTER INDEX ix_concurrency_limit__tag RENAME TO uq_concurrency_limit__tag')
  },
  async down(context) {
    await sql(context, 'ALTER INDEX uq_concurrency_limit__tag RENAME TO ix_concurrency_limit__tag')
  },
}

export default revision
