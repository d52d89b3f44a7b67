import {sql} from '../helpers/prefect-sql.js'
import type {Revision} from '../types.js'

const revision: Revision = {
  revision: '3bd87ecdac38',
  downRevision: '42762c37b7bc',
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
