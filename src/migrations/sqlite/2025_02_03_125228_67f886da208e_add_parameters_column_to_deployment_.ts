import {sql} from '../helpers/prefect-sql.js'
import type {Revision} from '../types.js'

const revision: Revision = {
  revision: '67f886da208e',
  downRevision: 'a49711513ad4',
  message: 'Add parameters column to deployment schedules',
  transaction: true,
  async up(context) {
    await sql(context, "ALTER TABLE deployment_schedule ADD COLUMN parameters JSON NOT NULL DEFAULT '{}'")
  },
  async down(context) {
    await sql(context, 'ALTER TABLE deployment_schedule DROP COLUMN parameters')
  },
}

export default revision
