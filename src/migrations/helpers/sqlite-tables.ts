import {SQLITE_BASE_COLUMNS} from './base-columns.js'
import {SQLITE_NOW} from './prefect-sql.js'
import type {SqliteRebuild} from './sqlite-rebuild.js'
import type {LinkColumn} from './work-pools.js'

/*
 * Complete SQLite table definitions for the rebuilds of SQLite positions 048-054 (work pools,
 * artifacts, work queue expansion). Each describes the table exactly as Prefect's reference
 * schema shows it at those positions, with the part that changes between them as a parameter.
 */

function linkParts(table: string, link: LinkColumn | undefined): {column: string; constraint: string; index: string[]} {
  if (!link) return {column: '', constraint: '', index: []}
  return {
    column: `,\n  ${link.column} CHAR(36)`,
    constraint: `,\n  CONSTRAINT ${link.foreignKey} FOREIGN KEY (${link.column}) REFERENCES ${link.references} (id) ON DELETE ${link.onDelete}`,
    index: [`CREATE INDEX ${link.index} ON ${table} (${link.column})`],
  }
}

const FLOW_RUN_COLUMNS = [
  'id', 'created', 'updated', 'name', 'state_type', 'run_count', 'expected_start_time', 'next_scheduled_start_time',
  'start_time', 'end_time', 'total_run_time', 'flow_version', 'parameters', 'idempotency_key', 'context',
  'empirical_policy', 'tags', 'auto_scheduled', 'flow_id', 'deployment_id', 'parent_task_run_id', 'state_id',
  'state_name', 'infrastructure_document_id', 'work_queue_name', 'state_timestamp', 'created_by', 'infrastructure_pid',
]

/** The two indexes on string constants that Prefect's SQLite chain has at 046-047. */
export const FLOW_RUN_COALESCE_INDEXES = [
  "CREATE INDEX ix_flow_run__coalesce_start_time_expected_start_time_desc ON flow_run (coalesce('start_time', 'expected_start_time') DESC)",
  "CREATE INDEX ix_flow_run__coalesce_start_time_expected_start_time_asc ON flow_run (coalesce('start_time', 'expected_start_time'))",
]

/**
 * flow_run as it is from 047 to 054 (DESC and COLLATE NOCASE already lost at 028), with an
 * optional trailing link column. The link column's values are not copied: every change of it in
 * these revisions drops the old column and adds a new, empty one.
 */
export function flowRunRebuild(link?: LinkColumn, options: {coalesceIndexes?: boolean} = {}): SqliteRebuild {
  const extra = linkParts('flow_run', link)
  return {
    table: 'flow_run',
    columns: FLOW_RUN_COLUMNS,
    createNew: `CREATE TABLE flow_run_new (
  ${SQLITE_BASE_COLUMNS},
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
  infrastructure_pid VARCHAR${extra.column},
  CONSTRAINT pk_flow_run PRIMARY KEY (id),
  CONSTRAINT fk_flow_run__deployment_id__deployment FOREIGN KEY (deployment_id) REFERENCES deployment (id) ON DELETE SET NULL,
  CONSTRAINT fk_flow_run__flow_id__flow FOREIGN KEY (flow_id) REFERENCES flow (id) ON DELETE CASCADE,
  CONSTRAINT fk_flow_run__infrastructure_document_id__block_document FOREIGN KEY (infrastructure_document_id) REFERENCES block_document (id) ON DELETE CASCADE,
  CONSTRAINT fk_flow_run__parent_task_run_id__task_run FOREIGN KEY (parent_task_run_id) REFERENCES task_run (id) ON DELETE SET NULL,
  CONSTRAINT fk_flow_run__state_id__flow_run_state FOREIGN KEY (state_id) REFERENCES flow_run_state (id) ON DELETE SET NULL${extra.constraint}
)`,
    indexes: [
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
      'CREATE INDEX ix_flow_run__work_queue_name ON flow_run (work_queue_name)',
      'CREATE UNIQUE INDEX uq_flow_run__flow_id_idempotency_key ON flow_run (flow_id, idempotency_key)',
      ...extra.index,
      ...(options.coalesceIndexes ? FLOW_RUN_COALESCE_INDEXES : []),
    ],
  }
}

const DEPLOYMENT_COLUMNS = [
  'id', 'created', 'updated', 'name', 'schedule', 'is_schedule_active', 'tags', 'parameters', 'flow_data', 'flow_id',
  'description', 'infrastructure_document_id', 'manifest_path', 'parameter_openapi_schema', 'storage_document_id',
  'version', 'infra_overrides', 'path', 'entrypoint', 'work_queue_name', 'created_by', 'updated_by',
]

/** deployment as it is from 047 to 054, with an optional trailing link column (not copied). */
export function deploymentRebuild(link?: LinkColumn): SqliteRebuild {
  const extra = linkParts('deployment', link)
  return {
    table: 'deployment',
    columns: DEPLOYMENT_COLUMNS,
    createNew: `CREATE TABLE deployment_new (
  ${SQLITE_BASE_COLUMNS},
  name VARCHAR NOT NULL,
  schedule JSON,
  is_schedule_active BOOLEAN NOT NULL DEFAULT '1',
  tags JSON NOT NULL DEFAULT '[]',
  parameters JSON NOT NULL DEFAULT '{}',
  flow_data JSON,
  flow_id CHAR(36) NOT NULL,
  description TEXT,
  infrastructure_document_id CHAR(36),
  manifest_path VARCHAR,
  parameter_openapi_schema JSON,
  storage_document_id CHAR(36),
  version VARCHAR,
  infra_overrides JSON NOT NULL DEFAULT '{}',
  path VARCHAR,
  entrypoint VARCHAR,
  work_queue_name VARCHAR,
  created_by JSON,
  updated_by JSON${extra.column},
  CONSTRAINT pk_deployment PRIMARY KEY (id),
  CONSTRAINT fk_deployment__flow_id__flow FOREIGN KEY (flow_id) REFERENCES flow (id) ON DELETE CASCADE,
  CONSTRAINT fk_deployment__infrastructure_document_id__block_document FOREIGN KEY (infrastructure_document_id) REFERENCES block_document (id) ON DELETE CASCADE,
  CONSTRAINT fk_deployment__storage_document_id__block_document FOREIGN KEY (storage_document_id) REFERENCES block_document (id) ON DELETE CASCADE${extra.constraint}
)`,
    indexes: [
      'CREATE INDEX ix_deployment__created ON deployment (created)',
      'CREATE INDEX ix_deployment__flow_id ON deployment (flow_id)',
      'CREATE INDEX ix_deployment_name_case_insensitive ON deployment (name)',
      'CREATE INDEX ix_deployment__updated ON deployment (updated)',
      'CREATE INDEX ix_deployment__work_queue_name ON deployment (work_queue_name)',
      'CREATE UNIQUE INDEX uq_deployment__flow_id_name ON deployment (flow_id, name)',
      ...extra.index,
    ],
  }
}

/** `ALTER TABLE … ADD COLUMN` of a link column with its foreign key (SQLite keeps the name) and index. */
export function addLinkColumn(table: string, link: LinkColumn): string[] {
  return [
    `ALTER TABLE ${table} ADD COLUMN ${link.column} CHAR(36) CONSTRAINT ${link.foreignKey} REFERENCES ${link.references} (id) ON DELETE ${link.onDelete}`,
    `CREATE INDEX ${link.index} ON ${table} (${link.column})`,
  ]
}

const STATE_COLUMNS = ['id', 'created', 'updated', 'type', 'timestamp', 'name', 'message', 'state_details', 'data']

/**
 * flow_run_state or task_run_state as they are at 049 (before the artifact columns), with the
 * DESC of their unique timestamp index that Prefect's 050 loses on the way up.
 */
export function runStateRebuild(run: 'flow_run' | 'task_run'): SqliteRebuild {
  const table = `${run}_state`
  return {
    table,
    columns: [...STATE_COLUMNS, `${run}_id`],
    createNew: `CREATE TABLE ${table}_new (
  ${SQLITE_BASE_COLUMNS},
  type VARCHAR(9) NOT NULL,
  timestamp DATETIME NOT NULL DEFAULT ${SQLITE_NOW},
  name VARCHAR NOT NULL,
  message VARCHAR,
  state_details JSON NOT NULL DEFAULT '{}',
  data JSON,
  ${run}_id CHAR(36) NOT NULL,
  CONSTRAINT pk_${table} PRIMARY KEY (id),
  CONSTRAINT fk_${table}__${run}_id__${run} FOREIGN KEY (${run}_id) REFERENCES ${run} (id) ON DELETE CASCADE
)`,
    indexes: [
      `CREATE INDEX ix_${table}__name ON ${table} (name)`,
      `CREATE INDEX ix_${table}__type ON ${table} (type)`,
      `CREATE INDEX ix_${table}__updated ON ${table} (updated)`,
      `CREATE UNIQUE INDEX uq_${table}__${run}_id_timestamp_desc ON ${table} (${run}_id, timestamp DESC)`,
    ],
  }
}

/** artifact as it is from 053 (without the state id columns the data migration used). */
export function artifactRebuild(): SqliteRebuild {
  return {
    table: 'artifact',
    columns: ['id', 'created', 'updated', 'key', 'type', 'data', 'metadata_', 'task_run_id', 'flow_run_id'],
    createNew: `CREATE TABLE artifact_new (
  ${SQLITE_BASE_COLUMNS},
  key VARCHAR,
  type VARCHAR,
  data JSON,
  metadata_ JSON,
  task_run_id CHAR(36),
  flow_run_id CHAR(36),
  CONSTRAINT pk_artifact PRIMARY KEY (id),
  CONSTRAINT fk_artifact__flow_run_id__flow_run FOREIGN KEY (flow_run_id) REFERENCES flow_run (id),
  CONSTRAINT fk_artifact__task_run_id__task_run FOREIGN KEY (task_run_id) REFERENCES task_run (id)
)`,
    indexes: [
      'CREATE INDEX ix_artifact__flow_run_id ON artifact (flow_run_id)',
      'CREATE INDEX ix_artifact__task_run_id ON artifact (task_run_id)',
      'CREATE INDEX ix_artifact__updated ON artifact (updated)',
      'CREATE UNIQUE INDEX ix_artifact__key ON artifact (key)',
    ],
  }
}

/**
 * work_pool as it is at 049-053 (type nullable, default queue in work_pool_queue) or from 054
 * (type NOT NULL, default queue in work_queue).
 */
export function workPoolRebuild(shape: 'work_pool_queue' | 'work_queue'): SqliteRebuild {
  const defaultQueueFk =
    shape === 'work_queue' ? 'fk_work_pool__default_queue_id__work_queue' : 'fk_work_pool__default_queue_id__work_pool_queue'
  return {
    table: 'work_pool',
    columns: ['id', 'created', 'updated', 'name', 'description', 'type', 'base_job_template', 'is_paused', 'concurrency_limit', 'default_queue_id'],
    createNew: `CREATE TABLE work_pool_new (
  ${SQLITE_BASE_COLUMNS},
  name VARCHAR NOT NULL,
  description VARCHAR,
  type VARCHAR${shape === 'work_queue' ? ' NOT NULL' : ''},
  base_job_template JSON NOT NULL DEFAULT '{}',
  is_paused BOOLEAN NOT NULL DEFAULT '0',
  concurrency_limit INTEGER,
  default_queue_id CHAR(36),
  CONSTRAINT pk_work_pool PRIMARY KEY (id),
  CONSTRAINT uq_work_pool__name UNIQUE (name),
  CONSTRAINT ${defaultQueueFk} FOREIGN KEY (default_queue_id) REFERENCES ${shape} (id) ON DELETE RESTRICT
)`,
    indexes: ['CREATE INDEX ix_work_pool__updated ON work_pool (updated)', 'CREATE INDEX ix_work_pool__type ON work_pool (type)'],
  }
}

/** work_queue as it is up to 053, before it has a priority and a work pool. */
export function workQueueRebuild053(): SqliteRebuild {
  return {
    table: 'work_queue',
    columns: ['id', 'created', 'updated', 'name', 'filter', 'description', 'is_paused', 'concurrency_limit', 'last_polled'],
    createNew: `CREATE TABLE work_queue_new (
  ${SQLITE_BASE_COLUMNS},
  name VARCHAR NOT NULL,
  filter JSON,
  description VARCHAR NOT NULL DEFAULT '',
  is_paused BOOLEAN NOT NULL DEFAULT '0',
  concurrency_limit INTEGER,
  last_polled DATETIME,
  CONSTRAINT pk_work_queue PRIMARY KEY (id),
  CONSTRAINT uq_work_queue__name UNIQUE (name)
)`,
    indexes: ['CREATE INDEX ix_work_queue__updated ON work_queue (updated)'],
  }
}
