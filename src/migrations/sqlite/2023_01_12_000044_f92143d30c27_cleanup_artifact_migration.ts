import {artifactRebuild} from '../helpers/sqlite-tables.js'
import {sql} from '../helpers/prefect-sql.js'
import {rebuildSqliteTable} from '../helpers/sqlite-rebuild.js'
import type {Revision} from '../types.js'

const revision: Revision = {
  revision: 'f92143d30c27',
  downRevision: 'f92143d30c26',
  message: 'State data migration cleanup',
  transaction: true,
  async up(context) {
    // The state id columns carry foreign keys: the table is rebuilt without them.
    await rebuildSqliteTable(context.knex, artifactRebuild())
    await sql(
      context,
      'DROP INDEX ix_flow_run_state__has_data',
      'ALTER TABLE flow_run_state DROP COLUMN has_data',
      'DROP INDEX ix_task_run_state__has_data',
      'ALTER TABLE task_run_state DROP COLUMN has_data',
    )
  },
  async down(context) {
    // The columns come back empty, as in Prefect's downgrade; ours also restores their foreign keys.
    await sql(
      context,
      'ALTER TABLE artifact ADD COLUMN flow_run_state_id CHAR(36) CONSTRAINT fk_artifact__flow_run_state_id__flow_run_state REFERENCES flow_run_state (id)',
      'CREATE INDEX ix_artifact__flow_run_state_id ON artifact (flow_run_state_id)',
      'ALTER TABLE artifact ADD COLUMN task_run_state_id CHAR(36) CONSTRAINT fk_artifact__task_run_state_id__task_run_state REFERENCES task_run_state (id)',
      'CREATE INDEX ix_artifact__task_run_state_id ON artifact (task_run_state_id)',
      'ALTER TABLE flow_run_state ADD COLUMN has_data BOOLEAN',
      'CREATE INDEX ix_flow_run_state__has_data ON flow_run_state (has_data)',
      'ALTER TABLE task_run_state ADD COLUMN has_data BOOLEAN',
      'CREATE INDEX ix_task_run_state__has_data ON task_run_state (has_data)',
    )
  },
}

export default revision
