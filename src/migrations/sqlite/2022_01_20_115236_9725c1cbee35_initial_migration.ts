import {SQLITE_BASE_COLUMNS as BASE} from '../helpers/base-columns.js'
import {SQLITE_NOW, sql} from '../helpers/prefect-sql.js'
import type {Revision} from '../types.js'

/*
 * The first schema: flows, deployments, flow and task runs with their states, logs, concurrency
 * limits, saved searches and the task-run state cache. SQLite has no enum type: state types are
 * VARCHAR(9) (the longest label, COMPLETED/CANCELLED), without a CHECK. The foreign keys between
 * flow_run, task_run and their state tables point both ways; SQLite accepts references to tables
 * created later, so they are declared inline.
 */

const TABLES = ['task_run_state', 'task_run', 'flow_run_state', 'flow_run', 'deployment', 'task_run_state_cache', 'saved_search', 'concurrency_limit', 'log', 'flow']

const revision: Revision = {
  revision: '9725c1cbee35',
  downRevision: null,
  message: 'initial migration',
  transaction: true,
  async up(context) {
    await sql(
      context,
      `CREATE TABLE flow (
  ${BASE},
  name VARCHAR NOT NULL,
  tags JSON NOT NULL DEFAULT '[]',
  CONSTRAINT pk_flow PRIMARY KEY (id),
  CONSTRAINT uq_flow__name UNIQUE (name)
)`,
      'CREATE INDEX ix_flow__updated ON flow (updated)',

      `CREATE TABLE log (
  ${BASE},
  name VARCHAR NOT NULL,
  level SMALLINT NOT NULL,
  flow_run_id CHAR(36) NOT NULL,
  task_run_id CHAR(36),
  message TEXT NOT NULL,
  timestamp DATETIME NOT NULL,
  CONSTRAINT pk_log PRIMARY KEY (id)
)`,
      'CREATE INDEX ix_log__flow_run_id ON log (flow_run_id)',
      'CREATE INDEX ix_log__level ON log (level)',
      'CREATE INDEX ix_log__task_run_id ON log (task_run_id)',
      'CREATE INDEX ix_log__timestamp ON log (timestamp)',
      'CREATE INDEX ix_log__updated ON log (updated)',

      `CREATE TABLE concurrency_limit (
  ${BASE},
  tag VARCHAR NOT NULL,
  concurrency_limit INTEGER NOT NULL,
  active_slots JSON NOT NULL DEFAULT '[]',
  CONSTRAINT pk_concurrency_limit PRIMARY KEY (id)
)`,
      'CREATE UNIQUE INDEX ix_concurrency_limit__tag ON concurrency_limit (tag)',
      'CREATE INDEX ix_concurrency_limit__updated ON concurrency_limit (updated)',

      `CREATE TABLE saved_search (
  ${BASE},
  name VARCHAR NOT NULL,
  filters JSON NOT NULL DEFAULT '[]',
  CONSTRAINT pk_saved_search PRIMARY KEY (id),
  CONSTRAINT uq_saved_search__name UNIQUE (name)
)`,
      'CREATE INDEX ix_saved_search__updated ON saved_search (updated)',

      `CREATE TABLE task_run_state_cache (
  ${BASE},
  cache_key VARCHAR NOT NULL,
  cache_expiration DATETIME,
  task_run_state_id CHAR(36) NOT NULL,
  CONSTRAINT pk_task_run_state_cache PRIMARY KEY (id)
)`,
      'CREATE INDEX ix_task_run_state_cache__cache_key_created_desc ON task_run_state_cache (cache_key, created DESC)',
      'CREATE INDEX ix_task_run_state_cache__updated ON task_run_state_cache (updated)',

      `CREATE TABLE deployment (
  ${BASE},
  name VARCHAR NOT NULL,
  schedule JSON,
  is_schedule_active BOOLEAN NOT NULL DEFAULT '1',
  tags JSON NOT NULL DEFAULT '[]',
  parameters JSON NOT NULL DEFAULT '{}',
  flow_data JSON,
  flow_runner_type VARCHAR,
  flow_runner_config JSON,
  flow_id CHAR(36) NOT NULL,
  CONSTRAINT pk_deployment PRIMARY KEY (id),
  CONSTRAINT fk_deployment__flow_id__flow FOREIGN KEY (flow_id) REFERENCES flow (id) ON DELETE CASCADE
)`,
      'CREATE INDEX ix_deployment__flow_id ON deployment (flow_id)',
      'CREATE INDEX ix_deployment__updated ON deployment (updated)',
      'CREATE UNIQUE INDEX uq_deployment__flow_id_name ON deployment (flow_id, name)',

      `CREATE TABLE flow_run (
  ${BASE},
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
  CONSTRAINT pk_flow_run PRIMARY KEY (id),
  CONSTRAINT fk_flow_run__deployment_id__deployment FOREIGN KEY (deployment_id) REFERENCES deployment (id) ON DELETE SET NULL,
  CONSTRAINT fk_flow_run__flow_id__flow FOREIGN KEY (flow_id) REFERENCES flow (id) ON DELETE CASCADE,
  CONSTRAINT fk_flow_run__parent_task_run_id__task_run FOREIGN KEY (parent_task_run_id) REFERENCES task_run (id) ON DELETE SET NULL,
  CONSTRAINT fk_flow_run__state_id__flow_run_state FOREIGN KEY (state_id) REFERENCES flow_run_state (id) ON DELETE SET NULL
)`,
      'CREATE INDEX ix_flow_run__deployment_id ON flow_run (deployment_id)',
      'CREATE INDEX ix_flow_run__end_time_desc ON flow_run (end_time DESC)',
      'CREATE INDEX ix_flow_run__expected_start_time_desc ON flow_run (expected_start_time DESC)',
      'CREATE INDEX ix_flow_run__flow_id ON flow_run (flow_id)',
      'CREATE INDEX ix_flow_run__flow_version ON flow_run (flow_version)',
      'CREATE INDEX ix_flow_run__name ON flow_run (name)',
      'CREATE INDEX ix_flow_run__next_scheduled_start_time_asc ON flow_run (next_scheduled_start_time ASC)',
      'CREATE INDEX ix_flow_run__parent_task_run_id ON flow_run (parent_task_run_id)',
      'CREATE INDEX ix_flow_run__start_time ON flow_run (start_time)',
      'CREATE INDEX ix_flow_run__state_id ON flow_run (state_id)',
      'CREATE INDEX ix_flow_run__state_type ON flow_run (state_type)',
      'CREATE INDEX ix_flow_run__updated ON flow_run (updated)',
      'CREATE UNIQUE INDEX uq_flow_run__flow_id_idempotency_key ON flow_run (flow_id, idempotency_key)',

      `CREATE TABLE flow_run_state (
  ${BASE},
  type VARCHAR(9) NOT NULL,
  timestamp DATETIME NOT NULL DEFAULT ${SQLITE_NOW},
  name VARCHAR NOT NULL,
  message VARCHAR,
  state_details JSON NOT NULL DEFAULT '{}',
  data JSON,
  flow_run_id CHAR(36) NOT NULL,
  CONSTRAINT pk_flow_run_state PRIMARY KEY (id),
  CONSTRAINT fk_flow_run_state__flow_run_id__flow_run FOREIGN KEY (flow_run_id) REFERENCES flow_run (id) ON DELETE CASCADE
)`,
      'CREATE INDEX ix_flow_run_state__name ON flow_run_state (name)',
      'CREATE INDEX ix_flow_run_state__type ON flow_run_state (type)',
      'CREATE INDEX ix_flow_run_state__updated ON flow_run_state (updated)',
      'CREATE UNIQUE INDEX uq_flow_run_state__flow_run_id_timestamp_desc ON flow_run_state (flow_run_id, timestamp DESC)',

      `CREATE TABLE task_run (
  ${BASE},
  name VARCHAR NOT NULL,
  state_type VARCHAR(9),
  run_count INTEGER NOT NULL DEFAULT '0',
  expected_start_time DATETIME,
  next_scheduled_start_time DATETIME,
  start_time DATETIME,
  end_time DATETIME,
  total_run_time DATETIME NOT NULL DEFAULT '0',
  task_key VARCHAR NOT NULL,
  dynamic_key VARCHAR NOT NULL,
  cache_key VARCHAR,
  cache_expiration DATETIME,
  task_version VARCHAR,
  empirical_policy JSON NOT NULL DEFAULT '{}',
  task_inputs JSON NOT NULL DEFAULT '{}',
  tags JSON NOT NULL DEFAULT '[]',
  flow_run_id CHAR(36) NOT NULL,
  state_id CHAR(36),
  CONSTRAINT pk_task_run PRIMARY KEY (id),
  CONSTRAINT fk_task_run__flow_run_id__flow_run FOREIGN KEY (flow_run_id) REFERENCES flow_run (id) ON DELETE CASCADE,
  CONSTRAINT fk_task_run__state_id__task_run_state FOREIGN KEY (state_id) REFERENCES task_run_state (id) ON DELETE SET NULL
)`,
      'CREATE INDEX ix_task_run__end_time_desc ON task_run (end_time DESC)',
      'CREATE INDEX ix_task_run__expected_start_time_desc ON task_run (expected_start_time DESC)',
      'CREATE INDEX ix_task_run__flow_run_id ON task_run (flow_run_id)',
      'CREATE INDEX ix_task_run__name ON task_run (name)',
      'CREATE INDEX ix_task_run__next_scheduled_start_time_asc ON task_run (next_scheduled_start_time ASC)',
      'CREATE INDEX ix_task_run__start_time ON task_run (start_time)',
      'CREATE INDEX ix_task_run__state_id ON task_run (state_id)',
      'CREATE INDEX ix_task_run__state_type ON task_run (state_type)',
      'CREATE INDEX ix_task_run__updated ON task_run (updated)',
      'CREATE UNIQUE INDEX uq_task_run__flow_run_id_task_key_dynamic_key ON task_run (flow_run_id, task_key, dynamic_key)',

      `CREATE TABLE task_run_state (
  ${BASE},
  type VARCHAR(9) NOT NULL,
  timestamp DATETIME NOT NULL DEFAULT ${SQLITE_NOW},
  name VARCHAR NOT NULL,
  message VARCHAR,
  state_details JSON NOT NULL DEFAULT '{}',
  data JSON,
  task_run_id CHAR(36) NOT NULL,
  CONSTRAINT pk_task_run_state PRIMARY KEY (id),
  CONSTRAINT fk_task_run_state__task_run_id__task_run FOREIGN KEY (task_run_id) REFERENCES task_run (id) ON DELETE CASCADE
)`,
      'CREATE INDEX ix_task_run_state__name ON task_run_state (name)',
      'CREATE INDEX ix_task_run_state__type ON task_run_state (type)',
      'CREATE INDEX ix_task_run_state__updated ON task_run_state (updated)',
      'CREATE UNIQUE INDEX uq_task_run_state__task_run_id_timestamp_desc ON task_run_state (task_run_id, timestamp DESC)',
    )
  },
  async down(context) {
    // Dropping a table drops its indexes with it.
    await sql(context, ...TABLES.map((table) => `DROP TABLE ${table}`))
  },
}

export default revision
