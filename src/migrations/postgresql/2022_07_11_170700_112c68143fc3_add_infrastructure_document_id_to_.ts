import {sql} from '../helpers/prefect-sql.js'
import type {Revision} from '../types.js'

const revision: Revision = {
  revision: '112c68143fc3',
  downRevision: 'e905fd199258',
  message: 'Add infrastructure document id to deployments',
  transaction: true,
  async up(context) {
    await sql(
      context,
      'ALTER TABLE deployment ADD COLUMN infrastructure_document_id UUID',
      `ALTER TABLE deployment ADD CONSTRAINT fk_deployment__infrastructure_document_id__block_document
        FOREIGN KEY (infrastructure_document_id) REFERENCES block_document (id) ON DELETE CASCADE`,
      'ALTER TABLE flow_run ADD COLUMN infrastructure_document_id UUID',
      `ALTER TABLE flow_run ADD CONSTRAINT fk_flow_run__infrastructure_document_id__block_document
        FOREIGN KEY (infrastructure_document_id) REFERENCES block_document (id) ON DELETE CASCADE`,
    )
  },
  async down(context) {
    await sql(
      context,
      'ALTER TABLE flow_run DROP CONSTRAINT fk_flow_run__infrastructure_document_id__block_document',
      'ALTER TABLE flow_run DROP COLUMN infrastructure_document_id',
      'ALTER TABLE deployment DROP CONSTRAINT fk_deployment__infrastructure_document_id__block_document',
      'ALTER TABLE deployment DROP COLUMN infrastructure_document_id',
    )
  },
}

export default revision
