import {sql} from '../helpers/prefect-sql.js'
import type {Revision} from '../types.js'

const revision: Revision = {
  revision: '3b86c5ea017a',
  downRevision: 'aa1234567890',
  message: 'Drop task_run state_id foreign key constraint',
  transaction: true,
  async up(context) {
    await sql(context, 'ALTER TABLE task_run DROP CONSTRAINT fk_task_run__state_id__task_run_state')
  },
  async down(context) {
    // Without the foreign key, task runs may point at states that are gone: clear those first.
    await sql(
      context,
      `UPDATE task_run SET state_id = NULL
        WHERE state_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM task_run_state WHERE task_run_state.id = task_run.state_id)`,
      `ALTER TABLE task_run ADD CONSTRAINT fk_task_run__state_id__task_run_state
        FOREIGN KEY (state_id) REFERENCES task_run_state (id) ON DELETE SET NULL`,
    )
  },
}

export default revision
