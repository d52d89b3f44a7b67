import {sql} from '../helpers/prefect-sql.js'
import type {Revision} from '../types.js'

const revision: Revision = {
  revision: 'ef674d598dd3',
  downRevision: 'c2d001b7dd06',
  message: 'Adds enforce_parameter_schema column to deployment table',
  transaction: true,
  async up(context) {
    await sql(context, "ALTER TABLE deployment ADD COLUMN enforce_parameter_schema BOOLEAN NOT NULL DEFAULT '0'")
  },
  async down(context) {
    await sql(context, 'ALTER TABLE deployment DROP COLUMN enforce_parameter_schema')
  },
}

export default revision
