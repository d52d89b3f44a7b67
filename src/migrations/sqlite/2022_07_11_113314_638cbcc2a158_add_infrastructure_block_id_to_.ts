import {SQLITE_NOW, SQLITE_UUID, sql} from '../helpers/prefect-sql.js'
import {rebuildSqliteTable} from '../helpers/sqlite-rebuild.js'
import type {Revision} from '../types.js'

const revision: Revision = {
  revision: '638cbcc2a158',
  downRevision: '061c7e518b40',
  message: 'Add infrastructure block id to deployments',
  transaction: true,
  async up(context) {
    // SQLite can add a nullable column with a (named) foreign key in place. Prefect's batch
    // rebuilds of both tables lose DESC and COLLATE NOCASE on their indexes: so do we.
    await sql(
      context,
      `ALTER TABLE deployment ADD COLUMN infrastructure_document_id CHAR(36)
        CONSTRAINT fk_deployment__infrastructure_document_id__block_document REFERENCES block_document (id) ON DELETE CASCADE`,
      'DROP INDEX ix_deployment_name_case_insensitive',
      'CREATE INDEX ix_deployment_name_case_insensitive ON deployment (name)',
      `ALTER TABLE flow_run ADD COLUMN infrastructure_document_id CHAR(36)
        CONSTRAINT fk_flow_run__infrastructure_document_id__block_document REFERENCES block_document (id) ON DELETE CASCADE`,
      'DROP INDEX ix_flow_run__end_time_desc',
      'CREATE INDEX ix_flow_run__end_time_desc ON flow_run (end_time)',
      'DROP INDEX ix_flow_run__expected_start_time_desc',
      'CREATE INDEX ix_flow_run__expected_start_time_desc ON flow_run (expected_start_time)',
      'DROP INDEX ix_flow_run_name_case_insensitive',
      'CREATE INDEX ix_flow_run_name_case_insensitive ON flow_run (name)',
    )
  },
  async down(context) {
    // Ours brings back DESC and COLLATE NOCASE on the indexes the upgrade had lost them on.
    await rebuildSqliteTable(context.knex, {
      table: 'deployment',
      createNew: `CREATE TABLE deployment_new (
        id CHAR(36) NOT NULL DEFAULT ${SQLITE_UUID},
        created DATETIME NOT NULL DEFAULT ${SQLITE_NOW},
        updated DATETIME NOT NULL DEFAULT ${SQLITE_NOW},
        name VARCHAR NOT NULL,
        schedule JSON,
        is_schedule_active BOOLEAN NOT NULL DEFAULT '1',
        tags JSON NOT NULL DEFAULT '[]',
        parameters JSON NOT NULL DEFAULT '{}',
        flow_data JSON,
        flow_runner_type VARCHAR,
        flow_runner_config JSON,
        flow_id CHAR(36) NOT NULL,
        description TEXT,
        CONSTRAINT pk_deployment PRIMARY KEY (id),
        CONSTRAINT fk_deployment__flow_id__flow FOREIGN KEY (flow_id) REFERENCES flow (id) ON DELETE CASCADE
      )`,
      columns: [
        'id', 'created', 'updated', 'name', 'schedule', 'is_schedule_active', 'tags', 'parameters', 'flow_data',
        'flow_runner_type', 'flow_runner_config', 'flow_id', 'description',
      ],
      indexes: [
        'CREATE INDEX ix_deployment__flow_id ON deployment (flow_id)',
        'CREATE INDEX ix_deployment_name_case_insensitive ON deployment (name COLLATE NOCASE)',
        'CREATE INDEX ix_deployment__updated ON deployment (updated)',
        'CREATE UNIQUE INDEX uq_deployment__flow_id_name ON deployment (flow_id, name)',
      ],
    })
    await rebuildSqliteTable(context.knex, {
      table: 'flow_run',
      createNew: `CREATE TABLE flow_run_new (
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
        flow_runner_type VARCHAR,
        flow_runner_config JSON,
        empirical_config JSON NOT NULL DEFAULT '{}',
        auto_scheduled BOOLEAN NOT NULL DEFAULT '0',
        flow_id CHAR(36) NOT NULL,
        deployment_id CHAR(36),
        parent_task_run_id CHAR(36),
        state_id CHAR(36),
        state_name VARCHAR,
        CONSTRAINT pk_flow_run PRIMARY KEY (id),
        CONSTRAINT fk_flow_run__deployment_id__deployment FOREIGN KEY (deployment_id) REFERENCES deployment (id) ON DELETE SET NULL,
        CONSTRAINT fk_flow_run__flow_id__flow FOREIGN KEY (flow_id) REFERENCES flow (id) ON DELETE CASCADE,
        CONSTRAINT fk_flow_run__parent_task_run_id__task_run FOREIGN KEY (parent_task_run_id) REFERENCES task_run (id) ON DELETE SET NULL,
        CONSTRAINT fk_flow_run__state_id__flow_run_state FOREIGN KEY (state_id) REFERENCES flow_run_state (id) ON DELETE SET NULL
      )`,
      columns: [
        'id', 'created', 'updated', 'name', 'state_type', 'run_count', 'expected_start_time', 'next_scheduled_start_time',
        'start_time', 'end_time', 'total_run_time', 'flow_version', 'parameters', 'idempotency_key', 'context',
        'empirical_policy', 'tags', 'flow_runner_type', 'flow_runner_config', 'empirical_config', 'auto_scheduled',
        'flow_id', 'deployment_id', 'parent_task_run_id', 'state_id', 'state_name',
      ],
      indexes: [
        'CREATE INDEX ix_flow_run__deployment_id ON flow_run (deployment_id)',
        'CREATE INDEX ix_flow_run__end_time_desc ON flow_run (end_time DESC)',
        'CREATE INDEX ix_flow_run__expected_start_time_desc ON flow_run (expected_start_time DESC)',
        'CREATE INDEX ix_flow_run__flow_id ON flow_run (flow_id)',
        'CREATE INDEX ix_flow_run__flow_runner_type ON flow_run (flow_runner_type)',
        'CREATE INDEX ix_flow_run__flow_version ON flow_run (flow_version)',
        'CREATE INDEX ix_flow_run_name_case_insensitive ON flow_run (name COLLATE NOCASE)',
        'CREATE INDEX ix_flow_run__name ON flow_run (name)',
        'CREATE INDEX ix_flow_run__next_scheduled_start_time_asc ON flow_run (next_scheduled_start_time)',
        'CREATE INDEX ix_flow_run__parent_task_run_id ON flow_run (parent_task_run_id)',
        'CREATE INDEX ix_flow_run__start_time ON flow_run (start_time)',
        'CREATE INDEX ix_flow_run__state_id ON flow_run (state_id)',
        'CREATE INDEX ix_flow_run__state_name ON flow_run (state_name)',
        'CREATE INDEX ix_flow_run__state_type ON flow_run (state_type)',
        'CREATE INDEX ix_flow_run__updated ON flow_run (updated)',
        'CREATE UNIQUE INDEX uq_flow_run__flow_id_idempotency_key ON flow_run (flow_id, idempotency_key)',
      ],
    })
  },
}

export default revision
