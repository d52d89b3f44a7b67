import {sql} from '../helpers/prefect-sql.js'
import type {Revision} from '../types.js'

const revision: Revision = {
  revision: '2882cd2df466',
  downRevision: '2882cd2df465',
  message: 'State data migration cleanup',
  transaction: true,
  async up(context) {
    // Each column takes its index and foreign key with it.
    await sql(
      context,
      'ALTER TABLE artifact DROP COLUMN task_run_state_id',
      'ALTER TABLE artifact DROP COLUMN flow_run_state_id',
      'ALTER TABLE flow_run_state DROP COLUMN has_data',
      'ALTER TABLE task_run_state DROP COLUMN has_data',
    )
  },
  async down(context) {
    // The columns come back empty, as in Prefect's downgrade; ours also restores their foreign keys.
    await sql(
      context,
      'ALTER TABLE artifact ADD COLUMN flow_run_state_id UUID',
      'CREATE INDEX ix_artifact__flow_run_state_id ON artifact (flow_run_state_id)',
      'ALTER TABLE artifact ADD COLUMN task_run_state_id UUID',
      'CREATE INDEX ix_artifact__task_run_state_id ON artifact (task_run_state_id)',
      'ALTER TABLE artifact ADD CONSTRAINT fk_artifact__flow_run_state_id__flow_run_state FOREIGN KEY (flow_run_state_id) REFERENCES flow_run_state (id)',
      'ALTER TABLE artifact ADD CONSTRAINT fk_artifact__task_run_state_id__task_run_state FOREIGN KEY (task_run_state_id) REFERENCES task_run_state (id)',
      'ALTER TABLE flow_run_state ADD COLUMN has_data BOOLEAN',
      'CREATE INDEX ix_flow_run_state__has_data ON flow_run_state (has_data)',
      'ALTER TABLE task_run_state ADD COLUMN has_data BOOLEAN',
      'CREATE INDEX ix_task_run_state__has_data ON task_run_state (has_data)',
    )
  },
}

export default revision
