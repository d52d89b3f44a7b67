import {addBlockTypeNamesToSchemaFields} from '../helpers/block-schema.js'
import {sql} from '../helpers/prefect-sql.js'
import type {Revision} from '../types.js'

const revision: Revision = {
  revision: '2fe6fe6ca16e',
  downRevision: '724e6dcc6b5d',
  message: 'Adds block schema references and block document references',
  transaction: true,
  async up(context) {
    await sql(
      context,
      `CREATE TABLE block_schema_reference (
  id UUID NOT NULL DEFAULT gen_random_uuid(),
  created TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
  name VARCHAR NOT NULL,
  parent_block_schema_id UUID NOT NULL,
  reference_block_schema_id UUID NOT NULL,
  CONSTRAINT pk_block_schema_reference PRIMARY KEY (id),
  CONSTRAINT fk_block_schema_reference__parent_block_schema_id__block_schema FOREIGN KEY (parent_block_schema_id) REFERENCES block_schema (id) ON DELETE cascade,
  CONSTRAINT fk_block_schema_reference__reference_block_schema_id__b_6e5d FOREIGN KEY (reference_block_schema_id) REFERENCES block_schema (id) ON DELETE cascade
)`,
      'CREATE INDEX ix_block_schema_reference__updated ON block_schema_reference (updated)',
      `CREATE TABLE block_document_reference (
  id UUID NOT NULL DEFAULT gen_random_uuid(),
  created TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
  name VARCHAR NOT NULL,
  parent_block_document_id UUID NOT NULL,
  reference_block_document_id UUID NOT NULL,
  CONSTRAINT pk_block_document_reference PRIMARY KEY (id),
  CONSTRAINT fk_block_document_reference__parent_block_document_id___328f FOREIGN KEY (parent_block_document_id) REFERENCES block_document (id) ON DELETE cascade,
  CONSTRAINT fk_block_document_reference__reference_block_document_i_5759 FOREIGN KEY (reference_block_document_id) REFERENCES block_document (id) ON DELETE cascade
)`,
      'CREATE INDEX ix_block_document_reference__updated ON block_document_reference (updated)',
    )
    await addBlockTypeNamesToSchemaFields(context)
  },
  async down(context) {
    // As in Prefect, the block schemas' fields and checksums stay as the upgrade left them.
    await sql(
      context,
      'DROP INDEX ix_block_document_reference__updated',
      'DROP TABLE block_document_reference',
      'DROP INDEX ix_block_schema_reference__updated',
      'DROP TABLE block_schema_reference',
    )
  },
}

export default revision
