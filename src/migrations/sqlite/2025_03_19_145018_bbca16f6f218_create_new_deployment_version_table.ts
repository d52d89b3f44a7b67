import {sql} from '../helpers/prefect-sql.js'
import type {Revision} from '../types.js'

/*
 * The id and timestamp defaults are Prefect's, as its SQLite chain has them: GEN_RANDOM_UUID() is
 * no SQLite function (an insert that leaves id out fails), and CURRENT_TIMESTAMP has whole seconds.
 */
const revision: Revision = {
  revision: 'bbca16f6f218',
  downRevision: '3457c6ca2360',
  message: 'Create new deployment version table',
  transaction: true,
  async up(context) {
    await sql(
      context,
      `CREATE TABLE deployment_version (
        deployment_id CHAR(36) NOT NULL,
        branch VARCHAR,
        version_info JSON NOT NULL DEFAULT '{}',
        description TEXT,
        tags JSON NOT NULL DEFAULT '[]',
        labels JSON,
        entrypoint VARCHAR,
        pull_steps JSON,
        parameters JSON NOT NULL DEFAULT '{}',
        parameter_openapi_schema JSON,
        enforce_parameter_schema BOOLEAN NOT NULL DEFAULT '0',
        work_queue_id CHAR(36),
        work_queue_name VARCHAR,
        infra_overrides JSON NOT NULL DEFAULT '{}',
        id CHAR(36) NOT NULL DEFAULT (GEN_RANDOM_UUID()),
        created DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
        updated DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
        CONSTRAINT pk_deployment_version PRIMARY KEY (id),
        CONSTRAINT fk_deployment_version__deployment_id__deployment
          FOREIGN KEY (deployment_id) REFERENCES deployment (id) ON DELETE CASCADE,
        CONSTRAINT fk_deployment_version__work_queue_id__work_queue
          FOREIGN KEY (work_queue_id) REFERENCES work_queue (id) ON DELETE SET NULL
      )`,
      'CREATE INDEX ix_deployment_version__deployment_id ON deployment_version (deployment_id)',
      'CREATE INDEX ix_deployment_version__updated ON deployment_version (updated)',
      'CREATE INDEX ix_deployment_version__work_queue_id ON deployment_version (work_queue_id)',
      'CREATE INDEX ix_deployment_version__work_queue_name ON deployment_version (work_queue_name)',
      'CREATE UNIQUE INDEX uq_deployment_version__deployment__branch ON deployment_version (deployment_id, branch)',
      'ALTER TABLE deployment ADD COLUMN version_id CHAR(36)',
      'CREATE INDEX ix_deployment__version_id ON deployment (version_id)',
    )
  },
  async down(context) {
    await sql(
      context,
      'DROP INDEX ix_deployment__version_id',
      'ALTER TABLE deployment DROP COLUMN version_id',
      'DROP TABLE deployment_version',
    )
  },
}

export default revision
