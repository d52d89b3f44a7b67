import {sql} from '../helpers/prefect-sql.js'
import type {Revision} from '../types.js'

const revision: Revision = {
  revision: '2882cd2df463',
  downRevision: '9326a6aee18b',
  message: 'Implements the artifact table and migrates run results',
  transaction: true,
  async up(context) {
    await sql(
      context,
      `CREATE TABLE artifact (
  id UUID NOT NULL DEFAULT gen_random_uuid(),
  created TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
  key VARCHAR,
  type VARCHAR,
  data JSON,
  metadata_ JSON,
  task_run_id UUID,
  task_run_state_id UUID,
  flow_run_id UUID,
  flow_run_state_id UUID,
  CONSTRAINT pk_artifact PRIMARY KEY (id),
  CONSTRAINT fk_artifact__flow_run_id__flow_run FOREIGN KEY (flow_run_id) REFERENCES flow_run (id),
  CONSTRAINT fk_artifact__flow_run_state_id__flow_run_state FOREIGN KEY (flow_run_state_id) REFERENCES flow_run_state (id),
  CONSTRAINT fk_artifact__task_run_id__task_run FOREIGN KEY (task_run_id) REFERENCES task_run (id),
  CONSTRAINT fk_artifact__task_run_state_id__task_run_state FOREIGN KEY (task_run_state_id) REFERENCES task_run_state (id)
)`,
      'CREATE INDEX ix_artifact__flow_run_id ON artifact (flow_run_id)',
      'CREATE INDEX ix_artifact__flow_run_state_id ON artifact (flow_run_state_id)',
      'CREATE UNIQUE INDEX ix_artifact__key ON artifact (key)',
      'CREATE INDEX ix_artifact__task_run_id ON artifact (task_run_id)',
      'CREATE INDEX ix_artifact__task_run_state_id ON artifact (task_run_state_id)',
      'CREATE INDEX ix_artifact__updated ON artifact (updated)',
      ...['flow_run', 'task_run'].flatMap((run) => [
        `ALTER TABLE ${run}_state ADD COLUMN result_artifact_id UUID`,
        `CREATE INDEX ix_${run}_state__result_artifact_id ON ${run}_state (result_artifact_id)`,
        `ALTER TABLE ${run}_state ADD CONSTRAINT fk_${run}_state__result_artifact_id__artifact ` +
          'FOREIGN KEY (result_artifact_id) REFERENCES artifact (id) ON DELETE SET NULL',
      ]),
    )
  },
  async down(context) {
    // The columns take their index and foreign key with them.
    await sql(
      context,
      'ALTER TABLE task_run_state DROP COLUMN result_artifact_id',
      'ALTER TABLE flow_run_state DROP COLUMN result_artifact_id',
      'DROP TABLE artifact',
    )
  },
}

export default revision
