import {sql} from '../helpers/prefect-sql.js'
import type {Revision} from '../types.js'

const revision: Revision = {
  revision: 'd38c5e6a9115',
  downRevision: '14dc68cc5853',
  message: 'Rename Block to BlockDocument and BlockSpec to BlockSchema',
  transaction: true,
  async up(context) {
    await sql(
      context,
      'ALTER TABLE block_spec RENAME TO block_schema',
      'ALTER TABLE block RENAME TO block_document',
      'ALTER TABLE block_document RENAME COLUMN block_spec_id TO block_schema_id',
      'ALTER TABLE block_document RENAME COLUMN is_default_storage_block TO is_default_storage_block_document',
      'ALTER TABLE block_document RENAME CONSTRAINT pk_block_data TO pk_block_document',
      'ALTER TABLE block_document RENAME CONSTRAINT fk_block__block_spec_id__block_spec TO fk_block__block_schema_id__block_schema',
      'ALTER INDEX ix_block__is_default_storage_block RENAME TO ix_block_document__is_default_storage_block_document',
      'ALTER INDEX ix_block__name RENAME TO ix_block_document__name',
      'ALTER INDEX ix_block__updated RENAME TO ix_block_document__updated',
      'ALTER INDEX uq_block__spec_id_name RENAME TO uq_block__schema_id_name',
      'ALTER TABLE block_schema RENAME CONSTRAINT pk_block_spec TO pk_block_schema',
      'ALTER INDEX ix_block_spec__type RENAME TO ix_block_schema__type',
      'ALTER INDEX ix_block_spec__updated RENAME TO ix_block_schema__updated',
      'ALTER INDEX uq_block_spec__name_version RENAME TO uq_block_schema__name_version',
    )
  },
  async down(context) {
    await sql(
      context,
      'ALTER TABLE block_schema RENAME TO block_spec',
      'ALTER TABLE block_document RENAME TO block',
      'ALTER TABLE block RENAME COLUMN block_schema_id TO block_spec_id',
      'ALTER TABLE block RENAME COLUMN is_default_storage_block_document TO is_default_storage_block',
      'ALTER TABLE block RENAME CONSTRAINT pk_block_document TO pk_block_data',
      'ALTER TABLE block RENAME CONSTRAINT fk_block__block_schema_id__block_schema TO fk_block__block_spec_id__block_spec',
      'ALTER INDEX ix_block_document__is_default_storage_block_document RENAME TO ix_block__is_default_storage_block',
      'ALTER INDEX ix_block_document__name RENAME TO ix_block__name',
      'ALTER INDEX ix_block_document__updated RENAME TO ix_block__updated',
      'ALTER INDEX uq_block__schema_id_name RENAME TO uq_block__spec_id_name',
      'ALTER TABLE block_spec RENAME CONSTRAINT pk_block_schema TO pk_block_spec',
      'ALTER INDEX ix_block_schema__type RENAME TO ix_block_spec__type',
      'ALTER INDEX ix_block_schema__updated RENAME TO ix_block_spec__updated',
      'ALTER INDEX uq_block_schema__name_version RENAME TO uq_block_spec__name_version',
    )
  },
}

export default revision
