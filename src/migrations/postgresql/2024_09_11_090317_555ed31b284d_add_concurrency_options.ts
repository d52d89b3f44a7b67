import {sql} from '../helpers/prefect-sql.js'
import type {Revision} from '../types.js'

const revision: Revision = {
  revision: '555ed31b284d',
  downRevision: '97429116795e',
  message: 'add concurrency options',
  transaction: true,
  async up(context) {
    await sql(context, 'ALTER TABLE deployment ADD COLUMN concurrency_options JSONB')
  },
  async down(context) {
    await sql(context, 'ALTER TABLE deployment DROP COLUMN concurrency_options')
  },
}

export default revision
