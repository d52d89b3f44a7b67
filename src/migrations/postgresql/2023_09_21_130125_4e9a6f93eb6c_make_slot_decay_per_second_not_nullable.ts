import {sql} from '../helpers/prefect-sql.js'
import type {Revision} from '../types.js'

/** Limits without a slot decay get 0.0 (no decay) before the column becomes NOT NULL; down leaves them at 0.0. */
const revision: Revision = {
  revision: '4e9a6f93eb6c',
  downRevision: 'db0eb3973a54',
  message: 'Make slot_decay_per_second not nullable',
  transaction: true,
  async up(context) {
    await sql(
      context,
      'UPDATE concurrency_limit_v2 SET slot_decay_per_second = 0.0 WHERE slot_decay_per_second IS NULL',
      'ALTER TABLE concurrency_limit_v2 ALTER COLUMN slot_decay_per_second SET NOT NULL',
    )
  },
  async down(context) {
    await sql(context, 'ALTER TABLE concurrency_limit_v2 ALTER COLUMN slot_decay_per_second DROP NOT NULL')
  },
}

export default revision
