import {SQLITE_NOW, SQLITE_UUID} from '../helpers/prefect-sql.js'
import {rebuildSqliteTable} from '../helpers/sqlite-rebuild.js'
import type {Revision} from '../types.js'

const COLUMNS = [
  'id', 'created', 'updated', 'name', 'state_type', 'run_count', 'expected_start_time', 'next_scheduled_start_time',
  'start_time', 'end_time', 'total_run_time', 'flow_version', 'parameters', 'idempotency_key', 'context',
  'empirical_policy', 'tags', 'auto_scheduled', 'flow_id', 'deployment_id', 'parent_task_run_id', 'state_id',
  'state_name', 'infrastructure_document_id', 'work_queue_name', 'state_timestamp', 'created_by',
  'infrastructure_pid', 'work_queue_id',
]

// As the schema has them at this point: the DESC and COLLATE NOCASE were lost at 638cbcc2a158.
const INDEXES = [
  'CREATE INDEX ix_flow_run__deployment_id ON flow_run (deployment_id)',
  'CREATE INDEX ix_flow_run__end_time_desc ON flow_run (end_time)',
  'CREATE INDEX ix_flow_run__expected_start_time_desc ON flow_run (expected_start_time)',
  'CREATE INDEX ix_flow_run__flow_id ON flow_run (flow_id)',
  'CREATE INDEX ix_flow_run__flow_version ON flow_run (flow_version)',
  'CREATE INDEX ix_flow_run__infrastructure_document_id ON flow_run (infrastructure_document_id)',
  'CREATE INDEX ix_flow_run__name ON flow_run (name)',
  'CREATE INDEX ix_flow_run_name_case_insensitive ON flow_run (name)',
  'CREATE INDEX ix_flow_run__next_scheduled_start_time_asc ON flow_run (next_scheduled_start_time)',
  'CREATE INDEX ix_flow_run__parent_task_run_id ON flow_run (parent_task_run_id)',
  'CREATE INDEX ix_flow_run__start_time ON flow_run (start_time)',
  'CREATE INDEX ix_flow_run__state_id ON flow_run (state_id)',
  'CREATE INDEX ix_flow_run__state_name ON flow_run (state_name)',
  'CREATE INDEX ix_flow_run__state_timestamp ON flow_run (state_timestamp)',
  'CREATE INDEX ix_flow_run__state_type ON flow_run (state_type)',
  'CREATE INDEX ix_flow_run__updated ON flow_run (updated)',
  'CREATE INDEX ix_flow_run__work_queue_id ON flow_run (work_queue_id)',
  'CREATE INDEX ix_flow_run__work_queue_name ON flow_run (work_queue_name)',
  'CREATE UNIQUE INDEX uq_flow_run__flow_id_idempotency_key ON flow_run (flow_id, idempotency_key)',
]

function createFlowRun(withDeploymentForeignKey: boolean): string {
  const deploymentForeignKey = withDeploymentForeignKey
    ? `
        CONSTRAINT fk_flow_run__deployment_id__deployment FOREIGN KEY (deployment_id) REFERENCES deployment (id) ON DELETE SET NULL,`
    : ''
  return `CREATE TABLE flow_run_new (
        id CHAR(36) NOT NULL DEFAULT ${SQLITE_UUID},
        created DATETIME NOT NULL DEFAULT ${SQLITE_NOW},
        updated DATETIME NOT NULL DEFAULT ${SQLITE_NOW},
        name VARCHAR NOT NULL,
        state_type VARCHAR(9),
        run_count INTEGER NOT NULL DEFAULT '0',
        expected_start_time DATETIME,
        next_scheduled_start_time DATETIME,
        start_time DATETIME,
        end_time DATETIME,
        total_run_time DATETIME NOT NULL DEFAULT '0',
        flow_version VARCHAR,
        parameters JSON NOT NULL DEFAULT '{}',
        idempotency_key VARCHAR,
        context JSON NOT NULL DEFAULT '{}',
        empirical_policy JSON NOT NULL DEFAULT '{}',
        tags JSON NOT NULL DEFAULT '[]',
        auto_scheduled BOOLEAN NOT NULL DEFAULT '0',
        flow_id CHAR(36) NOT NULL,
        deployment_id CHAR(36),
        parent_task_run_id CHAR(36),
        state_id CHAR(36),
        state_name VARCHAR,
        infrastructure_document_id CHAR(36),
        work_queue_name VARCHAR,
        state_timestamp DATETIME,
        created_by JSON,
        infrastructure_pid VARCHAR,
        work_queue_id CHAR(36),
        CONSTRAINT pk_flow_run PRIMARY KEY (id),${deploymentForeignKey}
        CONSTRAINT fk_flow_run__flow_id__flow FOREIGN KEY (flow_id) REFERENCES flow (id) ON DELETE CASCADE,
        CONSTRAINT fk_flow_run__infrastructure_document_id__block_document FOREIGN KEY (infrastructure_document_id) REFERENCES block_document (id) ON DELETE CASCADE,
        CONSTRAINT fk_flow_run__parent_task_run_id__task_run FOREIGN KEY (parent_task_run_id) REFERENCES task_run (id) ON DELETE SET NULL,
        CONSTRAINT fk_flow_run__state_id__flow_run_state FOREIGN KEY (state_id) REFERENCES flow_run_state (id) ON DELETE SET NULL,
        CONSTRAINT fk_flow_run__work_queue_id__work_queue FOREIGN KEY (work_queue_id) REFERENCES work_queue (id) ON DELETE SET NULL
      )`
}

const revision: Revision = {
  revision: 'f3df94dca3cc',
  downRevision: '8d148e44e669',
  message: 'remove_flowrun_deployment_fk',
  transaction: true,
  async up({knex}) {
    await rebuildSqliteTable(knex, {table: 'flow_run', createNew: createFlowRun(false), columns: COLUMNS, indexes: INDEXES})
  },
  /*
   * The foreign key comes back with its ON DELETE SET NULL (Prefect's downgrade re-creates it
   * without). Flow runs of deployments deleted meanwhile make the engine's foreign key check fail.
   */
  async down({knex}) {
    await rebuildSqliteTable(knex, {table: 'flow_run', createNew: createFlowRun(true), columns: COLUMNS, indexes: INDEXES})
  },
}

export default revision
