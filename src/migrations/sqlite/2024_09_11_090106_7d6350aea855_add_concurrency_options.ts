import {sql} from '../helpers/prefect-sql.js'
import type {Revision} from '../types.js'

const revision: Revision = {
  revision: '7d6350aea855',
  downRevision: 'f93e1439f022',
  message: 'add concurrency options',
  transaction: true,
  async up(context) {
    await sql(context, 'ALTER TABLE deployment ADD COLUMN concurrency_options JSON')
  },
  async down(context) {
    await sql(context, 'ALTER TABLE deployment DROP COLUMN concurrency_options')
  },
}

export default revision
