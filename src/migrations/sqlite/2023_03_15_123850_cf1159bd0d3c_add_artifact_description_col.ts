import {sql} from '../helpers/prefect-sql.js'
import type {Revision} from '../types.js'

const revision: Revision = {
  revision: 'cf1159bd0d3c',
  downRevision: 'f3df94dca3cc',
  message: 'Add description col to artifact table',
  transaction: true,
  async up(context) {
    await sql(context, 'ALTER TABLE artifact ADD COLUMN description VARCHAR')
  },
  async down(context) {
    await sql(context, 'ALTER TABLE artifact DROP COLUMN description')
  },
}

export default revision
