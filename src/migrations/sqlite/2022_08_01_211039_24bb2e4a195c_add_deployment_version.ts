import {sql} from '../helpers/prefect-sql.js'
import type {Revision} from '../types.js'

const revision: Revision = {
  revision: '24bb2e4a195c',
  downRevision: '905134444e17',
  message: 'Add deployment.version',
  transaction: true,
  async up(context) {
    await sql(context, 'ALTER TABLE deployment ADD COLUMN version VARCHAR')
  },
  async down(context) {
    await sql(context, 'ALTER TABLE deployment DROP COLUMN version')
  },
}

export default revision
