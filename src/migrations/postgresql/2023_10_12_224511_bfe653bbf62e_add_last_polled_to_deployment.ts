import {sql} from '../helpers/prefect-sql.js'
import type {Revision} from '../types.js'

const revision: Revision = {
  revision: 'bfe653bbf62e',
  downRevision: '05ea6f882b1d',
  message: 'Add `last_polled` to deployment',
  transaction: true,
  async up(context) {
    await sql(context, 'ALTER TABLE deployment ADD COLUMN last_polled TIMESTAMP WITH TIME ZONE')
  },
  async down(context) {
    await sql(context, 'ALTER TABLE deployment DROP COLUMN last_polled')
  },
}

export default revision
