import {sql} from '../helpers/prefect-sql.js'
import type {Revision} from '../types.js'

// Only the table is renamed: its primary key and indexes keep their block_data names.
const revision: Revision = {
  revision: '4c4a6a138053',
  downRevision: '28ae48128c75',
  message: 'Rename block data table',
  transaction: true,
  async up(context) {
    await sql(context, 'ALTER TABLE block_data RENAME TO block')
  },
  async down(context) {
    await sql(context, 'ALTER TABLE block RENAME TO block_data')
  },
}

export default revision
