import {sql} from '../helpers/prefect-sql.js'
import type {Revision} from '../types.js'

const revision: Revision = {
  revision: '20fbd53b3cef',
  downRevision: 'a8e62d4c72cf',
  message: 'add catchup fields to DeploymentSchedule',
  transaction: true,
  async up(context) {
    await sql(
      context,
      'ALTER TABLE deployment_schedule ADD COLUMN max_active_runs INTEGER',
      'ALTER TABLE deployment_schedule ADD COLUMN max_scheduled_runs INTEGER',
      "ALTER TABLE deployment_schedule ADD COLUMN catchup BOOLEAN NOT NULL DEFAULT '0'",
    )
  },
  async down(context) {
    await sql(
      context,
      'ALTER TABLE deployment_schedule DROP COLUMN catchup',
      'ALTER TABLE deployment_schedule DROP COLUMN max_scheduled_runs',
      'ALTER TABLE deployment_schedule DROP COLUMN max_active_runs',
    )
  },
}

export default revision
