import {SQLITE_NOW, SQLITE_UUID, sql} from '../helpers/prefect-sql.js'
import {rebuildSqliteTable} from '../helpers/sqlite-rebuild.js'
import type {Revision} from '../types.js'

/** deployment as it is before this revision (reference 094), for the downgrade's rebuild. */
const DEPLOYMENT_COLUMNS = [
  'id', 'created', 'updated', 'name', 'schedule', 'is_schedule_active', 'tags', 'parameters', 'flow_data', 'flow_id',
  'description', 'infrastructure_document_id', 'manifest_path', 'parameter_openapi_schema', 'storage_document_id',
  'version', 'infra_overrides', 'path', 'entrypoint', 'work_queue_name', 'created_by', 'updated_by', 'work_queue_id',
  'pull_steps', 'enforce_parameter_schema', 'last_polled', 'paused', 'status', 'concurrency_limit',
  'concurrency_options',
]

const CREATE_DEPLOYMENT = `CREATE TABLE deployment_new (
  id CHAR(36) NOT NULL DEFAULT ${SQLITE_UUID},
  created DATETIME NOT NULL DEFAULT ${SQLITE_NOW},
  updated DATETIME NOT NULL DEFAULT ${SQLITE_NOW},
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
  updated_by JSON,
  work_queue_id CHAR(36),
  pull_steps JSON,
  enforce_parameter_schema BOOLEAN NOT NULL DEFAULT '0',
  last_polled DATETIME,
  paused BOOLEAN NOT NULL DEFAULT '0',
  status VARCHAR(9) NOT NULL DEFAULT 'NOT_READY',
  concurrency_limit INTEGER,
  concurrency_options JSON,
  CONSTRAINT pk_deployment PRIMARY KEY (id),
  CONSTRAINT fk_deployment__flow_id__flow FOREIGN KEY (flow_id) REFERENCES flow (id) ON DELETE CASCADE,
  CONSTRAINT fk_deployment__infrastructure_document_id__block_document FOREIGN KEY (infrastructure_document_id)
    REFERENCES block_document (id) ON DELETE CASCADE,
  CONSTRAINT fk_deployment__storage_document_id__block_document FOREIGN KEY (storage_document_id)
    REFERENCES block_document (id) ON DELETE CASCADE,
  CONSTRAINT fk_deployment__work_queue_id__work_queue FOREIGN KEY (work_queue_id)
    REFERENCES work_queue (id) ON DELETE SET NULL
)`

// The case-insensitive name index lost its COLLATE NOCASE at 028 (Prefect's rebuild); it stays plain.
const DEPLOYMENT_INDEXES = [
  'CREATE INDEX ix_deployment__created ON deployment (created)',
  'CREATE INDEX ix_deployment__flow_id ON deployment (flow_id)',
  'CREATE INDEX ix_deployment_name_case_insensitive ON deployment (name)',
  'CREATE INDEX ix_deployment__paused ON deployment (paused)',
  'CREATE INDEX ix_deployment__updated ON deployment (updated)',
  'CREATE INDEX ix_deployment__work_queue_id ON deployment (work_queue_id)',
  'CREATE INDEX ix_deployment__work_queue_name ON deployment (work_queue_name)',
  'CREATE UNIQUE INDEX uq_deployment__flow_id_name ON deployment (flow_id, name)',
]

const revision: Revision = {
  revision: '4ad4658cbefe',
  downRevision: '7d6350aea855',
  message: 'Add deployment to global concurrency limit FK',
  transaction: true,
  async up(context) {
    // SQLite can add a column with its (named) foreign key in place; no rebuild needed on the way up.
    await sql(
      context,
      `ALTER TABLE deployment ADD COLUMN concurrency_limit_id CHAR(36)
        CONSTRAINT fk_deployment__concurrency_limit_id__concurrency_limit_v2
        REFERENCES concurrency_limit_v2 (id) ON DELETE SET NULL`,
      // A deployment's limit so far was the global limit named 'deployment:<deployment id>'.
      `UPDATE deployment
        SET concurrency_limit_id = (
          SELECT limits.id FROM concurrency_limit_v2 AS limits WHERE limits.name = 'deployment:' || deployment.id
        )
        WHERE EXISTS (SELECT 1 FROM concurrency_limit_v2 AS limits WHERE limits.name = 'deployment:' || deployment.id)`,
    )
  },
  async down(context) {
    // A rebuild: DROP COLUMN cannot remove a column that a table-level foreign key names (as
    // Prefect's batch upgrade leaves it).
    await rebuildSqliteTable(context.knex, {
      table: 'deployment',
      createNew: CREATE_DEPLOYMENT,
      columns: DEPLOYMENT_COLUMNS,
      indexes: DEPLOYMENT_INDEXES,
    })
  },
}

export default revision
