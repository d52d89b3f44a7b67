import {sql} from '../helpers/prefect-sql.js'
import type {Revision} from '../types.js'

const revision: Revision = {
  revision: '813ddf14e2de',
  downRevision: '2f46fc3f3beb',
  message: 'Add descriptions to deployments.',
  transaction: true,
  async up(context) {
    await sql(context, 'ALTER TABLE deployment ADD COLUMN description TEXT')
  },
  async down(context) {
    await sql(context, 'ALTER TABLE deployment DROP COLUMN description')
  },
}

export default revision
