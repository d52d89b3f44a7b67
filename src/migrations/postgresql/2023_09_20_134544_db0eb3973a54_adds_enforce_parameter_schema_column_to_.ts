import {sql} from '../helpers/prefect-sql.js'
import type {Revision} from '../types.js'

const revision: Revision = {
  revision: 'db0eb3973a54',
  downRevision: '50f8c182c3ca',
  message: 'Adds enforce_parameter_schema column to deployment table',
  transaction: true,
  async up(context) {
    await sql(context, 'ALTER TABLE deployment ADD COLUMN enforce_parameter_schema BOOLEAN NOT NULL DEFAULT false')
  },
  async down(context) {
    await sql(context, 'ALTER TABLE deployment DROP COLUMN enforce_parameter_schema')
  },
}

export default revision
