import {SQLITE_BASE_COLUMNS} from '../helpers/base-columns.js'
import {runStateRebuild} from '../helpers/sqlite-tables.js'
import {sql} from '../helpers/prefect-sql.js'
import {rebuildSqliteTable} from '../helpers/sqlite-rebuild.js'
import type {Revision} from '../types.js'

const revision: Revision = {
  revision: 'f92143d30c24',
  downRevision: 'bb38729c471a',
  message: 'Implements the artifact table and migrates run results',
  transaction: true,
  async up(context) {
    await sql(
      context,
      `CREATE TABLE artifact (
  ${SQLITE_BASE_COLUMNS},
  key VARCHAR,
  type VARCHAR,
  data JSON,
  metadata_ JSON,
  task_run_id CHAR(36),
  task_run_state_id CHAR(36),
  flow_run_id CHAR(36),
  flow_run_state_id CHAR(36),
  CONSTRAINT pk_artifact PRIMARY KEY (id),
  CONSTRAINT fk_artifact__flow_run_state_id__flow_run_state FOREIGN KEY (flow_run_state_id) REFERENCES flow_run_state (id),
  CONSTRAINT fk_artifact__flow_run_id__flow_run FOREIGN KEY (flow_run_id) REFERENCES flow_run (id),
  CONSTRAINT fk_artifact__task_run_state_id__task_run_state FOREIGN KEY (task_run_state_id) REFERENCES task_run_state (id),
  CONSTRAINT fk_artifact__task_run_id__task_run FOREIGN KEY (task_run_id) REFERENCES task_run (id)
)`,
      'CREATE INDEX ix_artifact__flow_run_id ON artifact (flow_run_id)',
      'CREATE INDEX ix_artifact__flow_run_state_id ON artifact (flow_run_state_id)',
      'CREATE UNIQUE INDEX ix_artifact__key ON artifact (key)',
      'CREATE INDEX ix_artifact__task_run_id ON artifact (task_run_id)',
      'CREATE INDEX ix_artifact__task_run_state_id ON artifact (task_run_state_id)',
      'CREATE INDEX ix_artifact__updated ON artifact (updated)',
      ...['flow_run', 'task_run'].flatMap((run) => [
        `ALTER TABLE ${run}_state ADD COLUMN result_artifact_id CHAR(36) ` +
          `CONSTRAINT fk_${run}_state__result_artifact_id__artifact REFERENCES artifact (id) ON DELETE SET NULL`,
        `CREATE INDEX ix_${run}_state__result_artifact_id ON ${run}_state (result_artifact_id)`,
        // Prefect rebuilds the state tables here, which loses the DESC of this index: so do we.
        `DROP INDEX uq_${run}_state__${run}_id_timestamp_desc`,
        `CREATE UNIQUE INDEX uq_${run}_state__${run}_id_timestamp_desc ON ${run}_state (${run}_id, timestamp)`,
      ]),
    )
  },
  async down(context) {
    // Ours also gives the unique timestamp indexes their DESC back, which Prefect's upgrade lost.
    await rebuildSqliteTable(context.knex, runStateRebuild('task_run'))
    await rebuildSqliteTable(context.knex, runStateRebuild('flow_run'))
    await sql(context, 'DROP TABLE artifact')
  },
}

export default revision
