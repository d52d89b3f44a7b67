import {sql} from '../helpers/prefect-sql.js'
import type {Revision} from '../types.js'

const revision: Revision = {
  revision: '4a1a0e4f89de',
  downRevision: '7d918a392297',
  message: 'Add description column to artifact table',
  transaction: true,
  async up(context) {
    await sql(context, 'ALTER TABLE artifact ADD COLUMN description VARCHAR')
  },
  async down(context) {
    await sql(context, 'ALTER TABLE artifact DROP COLUMN description')
  },
}

export default revision
