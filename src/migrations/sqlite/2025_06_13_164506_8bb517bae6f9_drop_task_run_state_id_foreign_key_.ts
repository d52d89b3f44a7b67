import {SQLITE_NOW, SQLITE_UUID, sql} from '../helpers/prefect-sql.js'
import {rebuildSqliteTableInPlace} from '../helpers/sqlite-rewrite.js'
import type {Revision} from '../types.js'

const COLUMNS = [
  'id', 'created', 'updated', 'name', 'state_type', 'run_count', 'expected_start_time', 'next_scheduled_start_time',
  'start_time', 'end_time', 'total_run_time', 'task_key', 'dynamic_key', 'cache_key', 'cache_expiration', 'task_version',
  'empirical_policy', 'task_inputs', 'tags', 'flow_run_id', 'state_id', 'state_name', 'state_timestamp',
  'flow_run_run_count', 'labels',
]

/** task_run as it stands at this point of the chain, with or without the state_id foreign key. */
function createTaskRun(withStateForeignKey: boolean): string {
  const stateForeignKey = withStateForeignKey
    ? `,
      CONSTRAINT fk_task_run__state_id__task_run_state FOREIGN KEY (state_id) REFERENCES task_run_state (id) ON DELETE SET NULL`
    : ''
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
      flow_run_id CHAR(36),
      state_id CHAR(36),
      state_name VARCHAR,
      state_timestamp DATETIME,
      flow_run_run_count INTEGER NOT NULL DEFAULT '0',
      labels JSON,
      CONSTRAINT pk_task_run PRIMARY KEY (id),
      CONSTRAINT fk_task_run__flow_run_id__flow_run FOREIGN KEY (flow_run_id) REFERENCES flow_run (id) ON DELETE CASCADE${stateForeignKey}
    )`
}

// The indexes as Prefect's earlier rebuilds left them (no DESC, no COLLATE NOCASE).
const INDEXES = [
  'CREATE INDEX ix_task_run__end_time_desc ON task_run (end_time)',
  'CREATE INDEX ix_task_run__expected_start_time_desc ON task_run (expected_start_time)',
  'CREATE INDEX ix_task_run__flow_run_id ON task_run (flow_run_id)',
  'CREATE INDEX ix_task_run__name ON task_run (name)',
  'CREATE INDEX ix_task_run_name_case_insensitive ON task_run (name)',
  'CREATE INDEX ix_task_run__next_scheduled_start_time_asc ON task_run (next_scheduled_start_time)',
  'CREATE INDEX ix_task_run__start_time ON task_run (start_time)',
  'CREATE INDEX ix_task_run__state_id ON task_run (state_id)',
  'CREATE INDEX ix_task_run__state_name ON task_run (state_name)',
  'CREATE INDEX ix_task_run__state_timestamp ON task_run (state_timestamp)',
  'CREATE INDEX ix_task_run__state_type ON task_run (state_type)',
  'CREATE INDEX ix_task_run__updated ON task_run (updated)',
  'CREATE UNIQUE INDEX uq_task_run__flow_run_id_task_key_dynamic_key ON task_run (flow_run_id, task_key, dynamic_key)',
]

const revision: Revision = {
  revision: '8bb517bae6f9',
  downRevision: 'bb2345678901',
  message: 'Drop task_run state_id foreign key constraint',
  transaction: true,
  // Prefect rebuilds task_run (create, copy, drop, rename). A foreign key is not stored in the
  // rows: the same schema is reached by rewriting task_run's definition in sqlite_schema, SQLite's
  // documented procedure, with the very text the rebuild leaves (see rebuildSqliteTableInPlace).
  async up(context) {
    await rebuildSqliteTableInPlace(context.knex, {table: 'task_run', createNew: createTaskRun(false), columns: COLUMNS, indexes: INDEXES})
  },
  async down(context) {
    // Without the foreign key, task runs may point at states that are gone: clear those first.
    await sql(
      context,
      `UPDATE task_run SET state_id = NULL
        WHERE state_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM task_run_state WHERE task_run_state.id = task_run.state_id)`,
    )
    await rebuildSqliteTableInPlace(context.knex, {table: 'task_run', createNew: createTaskRun(true), columns: COLUMNS, indexes: INDEXES})
  },
}

export default revision
