import {sql} from '../helpers/prefect-sql.js'
import type {Revision} from '../types.js'

// alembic's naming convention applied to Prefect's name, cut to PostgreSQL's 63 characters.
const CHECK_NAME = 'ck_block_document_reference__ck_block_document_referenc_824f'

const revision: Revision = {
  revision: '7218aad17905',
  downRevision: '09a9e091e578',
  message: 'Add CHECK constraint preventing block_document_reference self-references',
  transaction: true,
  async up(context) {
    // Rows the constraint would reject are deleted, as Prefect's upgrade does.
    await sql(
      context,
      'DELETE FROM block_document_reference WHERE parent_block_document_id = reference_block_document_id',
      `ALTER TABLE block_document_reference ADD CONSTRAINT ${CHECK_NAME}
        CHECK (parent_block_document_id <> reference_block_document_id)`,
    )
  },
  async down(context) {
    await sql(context, `ALTER TABLE block_document_reference DROP CONSTRAINT ${CHECK_NAME}`)
  },
}

export default revision
