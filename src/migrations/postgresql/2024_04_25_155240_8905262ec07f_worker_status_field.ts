import {sql} from '../helpers/prefect-sql.js'
import type {Revision} from '../types.js'

const revision: Revision = {
  revision: '8905262ec07f',
  downRevision: '7ae9e431e67a',
  message: 'Worker status field',
  transaction: true,
  async up(context) {
    await sql(
      context,
      'ALTER TABLE work_pool ADD COLUMN last_transitioned_status_at TIMESTAMP WITH TIME ZONE',
      'ALTER TABLE work_pool ADD COLUMN last_status_event_id UUID',
      // Prefect's downgrade leaves the type behind: a database downgraded by Prefect may still have
      // it, with these labels, so take it over rather than fail.
      `DO $$
      BEGIN
        IF NOT EXISTS (
          SELECT 1 FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
          WHERE t.typname = 'worker_status' AND n.nspname = current_schema()
        ) THEN
          CREATE TYPE worker_status AS ENUM ('ONLINE', 'OFFLINE');
        END IF;
      END $$`,
      "ALTER TABLE worker ADD COLUMN status worker_status NOT NULL DEFAULT 'OFFLINE'",
    )
  },
  async down(context) {
    // Ours also drops the worker_status type; Prefect's downgrade leaves it.
    await sql(
      context,
      'ALTER TABLE worker DROP COLUMN status',
      'DROP TYPE worker_status',
      'ALTER TABLE work_pool DROP COLUMN last_transitioned_status_at',
      'ALTER TABLE work_pool DROP COLUMN last_status_event_id',
    )
  },
}

export default revision
