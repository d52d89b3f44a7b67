import {sql} from '../helpers/prefect-sql.js'
import type {Revision} from '../types.js'

const revision: Revision = {
  revision: '97429116795e',
  downRevision: '7495a5013e7e',
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
