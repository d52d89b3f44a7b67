import {sql} from '../helpers/prefect-sql.js'
import type {Revision} from '../types.js'

const revision: Revision = {
  revision: '954db7517015',
  downRevision: '916718e8330f',
  message: 'Add `trigger_id` to the unique index for `automation_bucket`',
  transaction: true,
  async up(context) {
    await sql(
      context,
      'ALTER TABLE automation_bucket ALTER COLUMN trigger_id SET NOT NULL',
      'ALTER TABLE automation_bucket ALTER COLUMN triggered_at DROP NOT NULL',
      'DROP INDEX uq_automation_bucket__automation_id__bucketing_key',
      `CREATE UNIQUE INDEX uq_automation_bucket__automation_id__trigger_id__bucketing_key
        ON automation_bucket (automation_id, trigger_id, bucketing_key)`,
    )
  },
  async down(context) {
    await sql(
      context,
      'DROP INDEX uq_automation_bucket__automation_id__trigger_id__bucketing_key',
      'CREATE UNIQUE INDEX uq_automation_bucket__automation_id__bucketing_key ON automation_bucket (automation_id, bucketing_key)',
      'ALTER TABLE automation_bucket ALTER COLUMN triggered_at SET NOT NULL',
      'ALTER TABLE automation_bucket ALTER COLUMN trigger_id DROP NOT NULL',
    )
  },
}

export default revision
