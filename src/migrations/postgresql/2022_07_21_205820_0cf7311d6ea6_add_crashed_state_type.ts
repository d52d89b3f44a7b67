import {sql} from '../helpers/prefect-sql.js'
import type {Revision} from '../types.js'

const revision: Revision = {
  revision: '0cf7311d6ea6',
  downRevision: 'bb4dc90d3e29',
  message: 'Add Crashed state type',
  transaction: true,
  async up(context) {
    await sql(context, "ALTER TYPE state_type ADD VALUE IF NOT EXISTS 'CRASHED'")
  },
  async down(context) {
    // Ours removes the label again (Prefect's downgrade leaves it): PostgreSQL cannot drop an enum
    // label, so the type is re-created without it, provided no run or state is CRASHED.
    await sql(
      context,
      `DO $$
      BEGIN
        IF EXISTS (SELECT 1 FROM flow_run WHERE state_type::text = 'CRASHED')
          OR EXISTS (SELECT 1 FROM task_run WHERE state_type::text = 'CRASHED')
          OR EXISTS (SELECT 1 FROM flow_run_state WHERE type::text = 'CRASHED')
          OR EXISTS (SELECT 1 FROM task_run_state WHERE type::text = 'CRASHED') THEN
          RAISE EXCEPTION 'Cannot downgrade revision 0cf7311d6ea6: some flow runs, task runs or their states are CRASHED, the state type it removes. Delete or change them first.';
        END IF;
      END $$`,
      "CREATE TYPE state_type_without_crashed AS ENUM ('SCHEDULED', 'PENDING', 'RUNNING', 'COMPLETED', 'FAILED', 'CANCELLED')",
      'ALTER TABLE flow_run ALTER COLUMN state_type TYPE state_type_without_crashed USING state_type::text::state_type_without_crashed',
      'ALTER TABLE task_run ALTER COLUMN state_type TYPE state_type_without_crashed USING state_type::text::state_type_without_crashed',
      'ALTER TABLE flow_run_state ALTER COLUMN type TYPE state_type_without_crashed USING type::text::state_type_without_crashed',
      'ALTER TABLE task_run_state ALTER COLUMN type TYPE state_type_without_crashed USING type::text::state_type_without_crashed',
      'DROP TYPE state_type',
      'ALTER TYPE state_type_without_crashed RENAME TO state_type',
    )
  },
}

export default revision
