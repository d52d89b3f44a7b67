import {sql} from '../helpers/prefect-sql.js'
import type {Revision} from '../types.js'

const revision: Revision = {
  revision: '75c8f17b8b51',
  downRevision: '824e9edafa60',
  message: 'Work status fields',
  transaction: true,
  async up(context) {
    // SQLite keeps Prefect's status enums as VARCHAR of the longest label's length, unchecked.
    await sql(
      context,
      "ALTER TABLE deployment ADD COLUMN status VARCHAR(9) NOT NULL DEFAULT 'NOT_READY'",
      "ALTER TABLE work_pool ADD COLUMN status VARCHAR(9) NOT NULL DEFAULT 'NOT_READY'",
      "ALTER TABLE work_queue ADD COLUMN status VARCHAR(9) NOT NULL DEFAULT 'NOT_READY'",
    )
  },
  async down(context) {
    await sql(
      context,
      'ALTER TABLE work_queue DROP COLUMN status',
      'ALTER TABLE work_pool DROP COLUMN status',
      'ALTER TABLE deployment DROP COLUMN status',
    )
  },
}

export default revision
