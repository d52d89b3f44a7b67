import {refuseIfRows, SQLITE_NOW, SQLITE_UUID} from '../helpers/prefect-sql.js'
import {rebuildSqliteTable} from '../helpers/sqlite-rebuild.js'
import type {MigrationContext, Revision} from '../types.js'

const TASK_RUN_COLUMNS = [
  'id', 'created', 'updated', 'name', 'state_type', 'run_count', 'expected_start_time', 'next_scheduled_start_time',
  'start_time', 'end_time', 'total_run_time', 'task_key', 'dynamic_key', 'cache_key', 'cache_expiration',
  'task_version', 'empirical_policy', 'task_inputs', 'tags', 'flow_run_id', 'state_id', 'state_name',
  'state_timestamp', 'flow_run_run_count',
]

const LOG_COLUMNS = ['id', 'created', 'updated', 'name', 'level', 'flow_run_id', 'task_run_id', 'message', 'timestamp']

function createTaskRun(flowRunIdNullable: boolean): string {
  return `CREATE TABLE task_run_new (
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
        task_key VARCHAR NOT NULL,
        dynamic_key VARCHAR NOT NULL,
        cache_key VARCHAR,
        cache_expiration DATETIME,
        task_version VARCHAR,
        empirical_policy JSON NOT NULL DEFAULT '{}',
        task_inputs JSON NOT NULL DEFAULT '{}',
        tags JSON NOT NULL DEFAULT '[]',
        flow_run_id CHAR(36)${flowRunIdNullable ? '' : ' NOT NULL'},
        state_id CHAR(36),
        state_name VARCHAR,
        state_timestamp DATETIME,
        flow_run_run_count INTEGER NOT NULL DEFAULT '0',
        CONSTRAINT pk_task_run PRIMARY KEY (id),
        CONSTRAINT fk_task_run__flow_run_id__flow_run FOREIGN KEY (flow_run_id) REFERENCES flow_run (id) ON DELETE CASCADE,
        CONSTRAINT fk_task_run__state_id__task_run_state FOREIGN KEY (state_id) REFERENCES task_run_state (id) ON DELETE SET NULL
      )`
}

/**
 * task_run's indexes. Prefect's table rebuild on the way up loses the DESC of the two `_desc`
 * indexes and the COLLATE NOCASE of the case-insensitive one; `exact` gives them as they were.
 */
function taskRunIndexes(exact: boolean): string[] {
  const desc = exact ? ' DESC' : ''
  return [
    `CREATE INDEX ix_task_run__end_time_desc ON task_run (end_time${desc})`,
    `CREATE INDEX ix_task_run__expected_start_time_desc ON task_run (expected_start_time${desc})`,
    'CREATE INDEX ix_task_run__flow_run_id ON task_run (flow_run_id)',
    `CREATE INDEX ix_task_run_name_case_insensitive ON task_run (name${exact ? ' COLLATE NOCASE' : ''})`,
    'CREATE INDEX ix_task_run__name ON task_run (name)',
    'CREATE INDEX ix_task_run__next_scheduled_start_time_asc ON task_run (next_scheduled_start_time)',
    'CREATE INDEX ix_task_run__start_time ON task_run (start_time)',
    'CREATE INDEX ix_task_run__state_id ON task_run (state_id)',
    'CREATE INDEX ix_task_run__state_name ON task_run (state_name)',
    'CREATE INDEX ix_task_run__state_timestamp ON task_run (state_timestamp)',
    'CREATE INDEX ix_task_run__state_type ON task_run (state_type)',
    'CREATE INDEX ix_task_run__updated ON task_run (updated)',
    'CREATE UNIQUE INDEX uq_task_run__flow_run_id_task_key_dynamic_key ON task_run (flow_run_id, task_key, dynamic_key)',
  ]
}

function createLog(flowRunIdNullable: boolean): string {
  return `CREATE TABLE log_new (
        id CHAR(36) NOT NULL DEFAULT ${SQLITE_UUID},
        created DATETIME NOT NULL DEFAULT ${SQLITE_NOW},
        updated DATETIME NOT NULL DEFAULT ${SQLITE_NOW},
        name VARCHAR NOT NULL,
        level SMALLINT NOT NULL,
        flow_run_id CHAR(36)${flowRunIdNullable ? '' : ' NOT NULL'},
        task_run_id CHAR(36),
        message TEXT NOT NULL,
        timestamp DATETIME NOT NULL,
        CONSTRAINT pk_log PRIMARY KEY (id)
      )`
}

const LOG_INDEXES = [
  'CREATE INDEX ix_log__flow_run_id ON log (flow_run_id)',
  'CREATE INDEX ix_log__flow_run_id_timestamp ON log (flow_run_id, timestamp)',
  'CREATE INDEX ix_log__level ON log (level)',
  'CREATE INDEX ix_log__task_run_id ON log (task_run_id)',
  'CREATE INDEX ix_log__timestamp ON log (timestamp)',
  'CREATE INDEX ix_log__updated ON log (updated)',
]

async function refuseRunsWithoutFlowRun(context: MigrationContext): Promise<void> {
  const hint = 'Delete those rows (or give them a flow run) before downgrading past 05ea6f882b1d.'
  await refuseIfRows(context, 'SELECT count(*) AS n FROM task_run WHERE flow_run_id IS NULL', 'Cannot make task_run.flow_run_id NOT NULL again: task runs without a flow run exist', hint)
  await refuseIfRows(context, 'SELECT count(*) AS n FROM log WHERE flow_run_id IS NULL', 'Cannot make log.flow_run_id NOT NULL again: logs without a flow run exist', hint)
}

const revision: Revision = {
  revision: '05ea6f882b1d',
  downRevision: '8167af8df781',
  message: 'Make flow_run_id nullable on task_run and log tables',
  transaction: true,
  async up({knex}) {
    await rebuildSqliteTable(knex, {table: 'task_run', createNew: createTaskRun(true), columns: TASK_RUN_COLUMNS, indexes: taskRunIndexes(false)})
    await rebuildSqliteTable(knex, {table: 'log', createNew: createLog(true), columns: LOG_COLUMNS, indexes: LOG_INDEXES})
  },
  // Restores the DESC and COLLATE NOCASE of task_run's indexes, which Prefect's downgrade does not.
  async down(context) {
    await refuseRunsWithoutFlowRun(context)
    await rebuildSqliteTable(context.knex, {table: 'task_run', createNew: createTaskRun(false), columns: TASK_RUN_COLUMNS, indexes: taskRunIndexes(true)})
    await rebuildSqliteTable(context.knex, {table: 'log', createNew: createLog(false), columns: LOG_COLUMNS, indexes: LOG_INDEXES})
  },
}

export default revision
