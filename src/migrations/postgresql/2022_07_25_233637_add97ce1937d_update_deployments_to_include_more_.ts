import {sql} from '../helpers/prefect-sql.js'
import type {Revision} from '../types.js'

const revision: Revision = {
  revision: 'add97ce1937d',
  downRevision: '4ff2f2bf81f4',
  message: 'Update deployments to include more information',
  transaction: true,
  async up(context) {
    // Existing deployments no longer work after this release: empty manifest path, schedule off.
    await sql(
      context,
      'ALTER TABLE deployment ADD COLUMN description TEXT',
      'ALTER TABLE deployment ADD COLUMN manifest_path VARCHAR',
      "UPDATE deployment SET manifest_path = ''",
      'UPDATE deployment SET is_schedule_active = false',
      'ALTER TABLE deployment ADD COLUMN parameter_openapi_schema JSONB',
      'ALTER TABLE deployment ADD COLUMN storage_document_id UUID',
      `ALTER TABLE deployment ADD CONSTRAINT fk_deployment__storage_document_id__block_document
        FOREIGN KEY (storage_document_id) REFERENCES block_document (id) ON DELETE CASCADE`,
    )
  },
  async down(context) {
    await sql(
      context,
      'ALTER TABLE deployment DROP COLUMN manifest_path',
      'ALTER TABLE deployment DROP COLUMN description',
      'ALTER TABLE deployment DROP COLUMN parameter_openapi_schema',
      'ALTER TABLE deployment DROP CONSTRAINT fk_deployment__storage_document_id__block_document',
      'ALTER TABLE deployment DROP COLUMN storage_document_id',
    )
  },
}

export default revision
