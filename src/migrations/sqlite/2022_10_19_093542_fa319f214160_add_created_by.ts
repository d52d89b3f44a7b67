import {sql} from '../helpers/prefect-sql.js'
import type {Revision} from '../types.js'

const revision: Revision = {
  revision: 'fa319f214160',
  downRevision: 'ad4b1b4d1e9d',
  message: 'add_created_by',
  transaction: true,
  async up(context) {
    await sql(
      context,
      'ALTER TABLE deployment ADD COLUMN created_by JSON',
      'ALTER TABLE deployment ADD COLUMN updated_by JSON',
      'ALTER TABLE flow_run ADD COLUMN created_by JSON',
    )
  },
  async down(context) {
    await sql(
      context,
      'ALTER TABLE flow_run DROP COLUMN created_by',
      'ALTER TABLE deployment DROP COLUMN updated_by',
      'ALTER TABLE deployment DROP COLUMN created_by',
    )
  },
}

export default revision
