import {SQLITE_NOW, SQLITE_UUID} from '../helpers/prefect-sql.js'
import {rebuildSqliteTable} from '../helpers/sqlite-rebuild.js'
import type {Revision} from '../types.js'

const COLUMNS = ['id', 'created', 'updated', 'key', 'type', 'data', 'metadata_', 'task_run_id', 'flow_run_id']

const INDEXES = [
  'CREATE INDEX ix_artifact__flow_run_id ON artifact (flow_run_id)',
  'CREATE INDEX ix_artifact__task_run_id ON artifact (task_run_id)',
  'CREATE INDEX ix_artifact__updated ON artifact (updated)',
  'CREATE UNIQUE INDEX ix_artifact__key ON artifact (key)',
]

/** The artifact table of this point of the chain, with or without its two foreign keys. */
function createArtifact(withForeignKeys: boolean): string {
  const foreignKeys = withForeignKeys
    ? `,
        CONSTRAINT fk_artifact__flow_run_id__flow_run FOREIGN KEY (flow_run_id) REFERENCES flow_run (id),
        CONSTRAINT fk_artifact__task_run_id__task_run FOREIGN KEY (task_run_id) REFERENCES task_run (id)`
    : ''
  return `CREATE TABLE artifact_new (
        id CHAR(36) NOT NULL DEFAULT ${SQLITE_UUID},
        created DATETIME NOT NULL DEFAULT ${SQLITE_NOW},
        updated DATETIME NOT NULL DEFAULT ${SQLITE_NOW},
        key VARCHAR,
        type VARCHAR,
        data JSON,
        metadata_ JSON,
        task_run_id CHAR(36),
        flow_run_id CHAR(36),
        CONSTRAINT pk_artifact PRIMARY KEY (id)${foreignKeys}
      )`
}

const revision: Revision = {
  revision: '8d148e44e669',
  downRevision: 'bfe42b7090d6',
  message: 'Remove Artifact foreign keys',
  transaction: true,
  async up({knex}) {
    await rebuildSqliteTable(knex, {table: 'artifact', createNew: createArtifact(false), columns: COLUMNS, indexes: INDEXES})
  },
  // Artifacts whose flow or task run is gone make the engine's foreign key check fail the downgrade.
  async down({knex}) {
    await rebuildSqliteTable(knex, {table: 'artifact', createNew: createArtifact(true), columns: COLUMNS, indexes: INDEXES})
  },
}

export default revision
