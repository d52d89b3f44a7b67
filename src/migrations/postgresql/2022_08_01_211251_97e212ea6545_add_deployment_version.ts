import {sql} from '../helpers/prefect-sql.js'
import type {Revision} from '../types.js'

const revision: Revision = {
  revision: '97e212ea6545',
  downRevision: 'fa985d474982',
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
