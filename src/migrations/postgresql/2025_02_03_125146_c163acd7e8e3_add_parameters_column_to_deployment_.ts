import {sql} from '../helpers/prefect-sql.js'
import type {Revision} from '../types.js'

const revision: Revision = {
  revision: 'c163acd7e8e3',
  downRevision: '5d03c01be85e',
  message: 'Add parameters column to deployment schedules',
  transaction: true,
  async up(context) {
    await sql(context, `ALTER TABLE deployment_schedule ADD COLUMN parameters JSONB NOT NULL DEFAULT '{}'`)
  },
  async down(context) {
    await sql(context, 'ALTER TABLE deployment_schedule DROP COLUMN parameters')
  },
}

export default revision
