import {SQLITE_NOW, SQLITE_UUID} from '../helpers/prefect-sql.js'
import {rebuildSqliteTable} from '../helpers/sqlite-rebuild.js'
import type {Revision} from '../types.js'

const COLUMNS = ['id', 'created', 'updated', 'key', 'value', 'flow_run_id']

function createFlowRunInput(withForeignKey: boolean): string {
  const foreignKey = withForeignKey
    ? `,
        CONSTRAINT fk_flow_run_input__flow_run_id__flow_run FOREIGN KEY (flow_run_id) REFERENCES flow_run (id) ON DELETE CASCADE`
    : ''
  return `CREATE TABLE flow_run_input_new (
        id CHAR(36) NOT NULL DEFAULT ${SQLITE_UUID},
        created DATETIME NOT NULL DEFAULT ${SQLITE_NOW},
        updated DATETIME NOT NULL DEFAULT ${SQLITE_NOW},
        key VARCHAR NOT NULL,
        value TEXT NOT NULL,
        flow_run_id CHAR(36) NOT NULL,
        CONSTRAINT pk_flow_run_input PRIMARY KEY (id),
        CONSTRAINT uq_flow_run_input__flow_run_id_key UNIQUE (flow_run_id, key)${foreignKey}
      )`
}

const INDEXES = ['CREATE INDEX ix_flow_run_input__updated ON flow_run_input (updated)']

// Inputs of flow runs that no longer exist make the engine's foreign key check fail the upgrade.
const revision: Revision = {
  revision: '35659cc49969',
  downRevision: 'a299308852a7',
  message: 'Make `FlowRunInput.flow_run_id` a foreign key to `flow_run`',
  transaction: true,
  async up({knex}) {
    await rebuildSqliteTable(knex, {table: 'flow_run_input', createNew: createFlowRunInput(true), columns: COLUMNS, indexes: INDEXES})
  },
  async down({knex}) {
    await rebuildSqliteTable(knex, {table: 'flow_run_input', createNew: createFlowRunInput(false), columns: COLUMNS, indexes: INDEXES})
  },
}

export default revision
