import {sql} from '../helpers/prefect-sql.js'
import type {Revision} from '../types.js'

const revision: Revision = {
  revision: '2f46fc3f3beb',
  downRevision: '7296741dff68',
  message: 'Remove name column for notification policies',
  transaction: true,
  async up(context) {
    await sql(context, 'DROP INDEX ix_flow_run_notification_policy__name', 'ALTER TABLE flow_run_notification_policy DROP COLUMN name')
  },
  async down(context) {
    // The old names are gone: existing policies get an empty one (Prefect's downgrade adds the
    // NOT NULL column without a value, which fails on a table with rows).
    await sql(
      context,
      "ALTER TABLE flow_run_notification_policy ADD COLUMN name VARCHAR NOT NULL DEFAULT ''",
      'ALTER TABLE flow_run_notification_policy ALTER COLUMN name DROP DEFAULT',
      'CREATE INDEX ix_flow_run_notification_policy__name ON flow_run_notification_policy (name)',
    )
  },
}

export default revision
