import {sql} from '../helpers/prefect-sql.js'
import type {Revision} from '../types.js'

const revision: Revision = {
  revision: '06b7c293bc69',
  downRevision: 'b5f5644500d2',
  message: 'Create new deployment version table',
  transaction: true,
  async up(context) {
    await sql(
      context,
      `CREATE TABLE deployment_version (
        deployment_id UUID NOT NULL,
        branch VARCHAR,
        version_info JSONB NOT NULL DEFAULT '{}',
        description TEXT,
        tags JSONB NOT NULL DEFAULT '[]',
        labels JSONB,
        entrypoint VARCHAR,
        pull_steps JSONB,
        parameters JSONB NOT NULL DEFAULT '{}',
        parameter_openapi_schema JSONB,
        enforce_parameter_schema BOOLEAN NOT NULL DEFAULT false,
        work_queue_id UUID,
        work_queue_name VARCHAR,
        infra_overrides JSONB NOT NULL DEFAULT '{}',
        id UUID NOT NULL DEFAULT gen_random_uuid(),
        created TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
        updated TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
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
      'ALTER TABLE deployment ADD COLUMN version_id UUID',
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
