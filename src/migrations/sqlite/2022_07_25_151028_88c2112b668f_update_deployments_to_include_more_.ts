import {SQLITE_NOW, SQLITE_UUID, sql} from '../helpers/prefect-sql.js'
import {rebuildSqliteTable} from '../helpers/sqlite-rebuild.js'
import type {Revision} from '../types.js'

const revision: Revision = {
  revision: '88c2112b668f',
  downRevision: 'f335f9633eec',
  message: 'Update deployments to include more information',
  transaction: true,
  async up(context) {
    // Existing deployments no longer work after this release: empty manifest path, schedule off.
    await sql(
      context,
      'ALTER TABLE deployment ADD COLUMN manifest_path VARCHAR',
      "UPDATE deployment SET manifest_path = ''",
      'UPDATE deployment SET is_schedule_active = 0',
      'ALTER TABLE deployment ADD COLUMN parameter_openapi_schema JSON',
      `ALTER TABLE deployment ADD COLUMN storage_document_id CHAR(36)
        CONSTRAINT fk_deployment__storage_document_id__block_document REFERENCES block_document (id) ON DELETE CASCADE`,
    )
  },
  async down(context) {
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
        flow_id CHAR(36) NOT NULL,
        description TEXT,
        infrastructure_document_id CHAR(36),
        CONSTRAINT pk_deployment PRIMARY KEY (id),
        CONSTRAINT fk_deployment__flow_id__flow FOREIGN KEY (flow_id) REFERENCES flow (id) ON DELETE CASCADE,
        CONSTRAINT fk_deployment__infrastructure_document_id__block_document FOREIGN KEY (infrastructure_document_id) REFERENCES block_document (id) ON DELETE CASCADE
      )`,
      columns: [
        'id', 'created', 'updated', 'name', 'schedule', 'is_schedule_active', 'tags', 'parameters', 'flow_data',
        'flow_id', 'description', 'infrastructure_document_id',
      ],
      indexes: [
        'CREATE INDEX ix_deployment__flow_id ON deployment (flow_id)',
        'CREATE INDEX ix_deployment_name_case_insensitive ON deployment (name)',
        'CREATE INDEX ix_deployment__updated ON deployment (updated)',
        'CREATE UNIQUE INDEX uq_deployment__flow_id_name ON deployment (flow_id, name)',
      ],
    })
  },
}

export default revision
