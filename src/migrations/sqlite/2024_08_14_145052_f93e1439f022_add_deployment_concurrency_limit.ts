import {sql} from '../helpers/prefect-sql.js'
import type {Revision} from '../types.js'

const revision: Revision = {
  revision: 'f93e1439f022',
  downRevision: '354f1ede7e9f',
  message: 'add_deployment_concurrency_limit',
  transaction: true,
  async up(context) {
    await sql(context, 'ALTER TABLE deployment ADD COLUMN concurrency_limit INTEGER')
  },
  async down(context) {
    await sql(context, 'ALTER TABLE deployment DROP COLUMN concurrency_limit')
  },
}

export default revision
