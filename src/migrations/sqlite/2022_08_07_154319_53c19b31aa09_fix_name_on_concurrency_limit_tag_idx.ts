import {sql} from '../helpers/prefect-sql.js'
import type {Revision} from '../types.js'

const revision: Revision = {
  revision: '53c19b31aa09',
  downRevision: '24bb2e4a195c',
  message: 'Fix name on concurrency_limit.tag index.',
  transaction: true,
  async up(context) {
    await sql(context, 'DROP INDEX ix_concurrency_limit__tag', 'CREATE UNIQUE INDEX uq_concurrency_limit__tag ON concurrency_limit (tag)')
  },
  async down(context) {
    // Ours restores the index as unique (Prefect's downgrade re-creates it non-unique).
    await sql(context, 'DROP INDEX uq_concurrency_limit__tag', 'CREATE UNIQUE INDEX ix_concurrency_limit__tag ON concurrency_limit (tag)')
  },
}

export default revision
