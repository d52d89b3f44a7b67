import {sql} from '../helpers/prefect-sql.js'
import type {Revision} from '../types.js'

const revision: Revision = {
  revision: '7ae9e431e67a',
  downRevision: '15768c2ec702',
  message: 'Work status fields',
  transaction: true,
  async up(context) {
    await sql(
      context,
      "CREATE TYPE deployment_status AS ENUM ('READY', 'NOT_READY')",
      "ALTER TABLE deployment ADD COLUMN status deployment_status NOT NULL DEFAULT 'NOT_READY'",
      "CREATE TYPE work_pool_status AS ENUM ('READY', 'NOT_READY', 'PAUSED')",
      "ALTER TABLE work_pool ADD COLUMN status work_pool_status NOT NULL DEFAULT 'NOT_READY'",
      "CREATE TYPE work_queue_status AS ENUM ('READY', 'NOT_READY', 'PAUSED')",
      "ALTER TABLE work_queue ADD COLUMN status work_queue_status NOT NULL DEFAULT 'NOT_READY'",
    )
  },
  async down(context) {
    await sql(
      context,
      'ALTER TABLE work_queue DROP COLUMN status',
      'ALTER TABLE work_pool DROP COLUMN status',
      'ALTER TABLE deployment DROP COLUMN status',
      'DROP TYPE work_queue_status',
      'DROP TYPE work_pool_status',
      'DROP TYPE deployment_status',
    )
  },
}

export default revision
