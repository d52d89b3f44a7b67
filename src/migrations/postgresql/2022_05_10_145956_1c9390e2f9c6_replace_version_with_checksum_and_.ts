import {fillBlockSchemaChecksumsAndTypes} from '../helpers/block-schema.js'
import {sql} from '../helpers/prefect-sql.js'
import type {Revision} from '../types.js'

/*
 * Block schemas lose name and version for a checksum of their fields and a block type (a new
 * table, one type per former schema name); block documents get their schema's block type and
 * are unique per (block type, name) instead of per (block schema, name).
 */
const revision: Revision = {
  revision: '1c9390e2f9c6',
  downRevision: 'd38c5e6a9115',
  message: 'Replace version with checksum and create block_type table',
  transaction: true,
  async up(context) {
    await sql(
      context,
      `CREATE TABLE block_type (
  id UUID NOT NULL DEFAULT gen_random_uuid(),
  created TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
  name VARCHAR NOT NULL,
  logo_url VARCHAR,
  documentation_url VARCHAR,
  CONSTRAINT pk_block_type PRIMARY KEY (id)
)`,
      'CREATE INDEX ix_block_type__updated ON block_type (updated)',
      'CREATE UNIQUE INDEX uq_block_type__name ON block_type (name)',
      'ALTER TABLE block_document ADD COLUMN block_type_id UUID',
      'DROP INDEX uq_block__schema_id_name',
      'CREATE UNIQUE INDEX uq_block__type_id_name ON block_document (block_type_id, name)',
      `ALTER TABLE block_document ADD CONSTRAINT fk_block_document__block_type_id__block_type
  FOREIGN KEY (block_type_id) REFERENCES block_type (id) ON DELETE cascade`,
      'ALTER TABLE block_schema ADD COLUMN checksum VARCHAR',
      'ALTER TABLE block_schema ADD COLUMN block_type_id UUID',
      'DROP INDEX uq_block_schema__name_version',
      'CREATE INDEX ix_block_schema__checksum ON block_schema (checksum)',
      'CREATE UNIQUE INDEX uq_block_schema__checksum ON block_schema (checksum)',
      `ALTER TABLE block_schema ADD CONSTRAINT fk_block_schema__block_type_id__block_type
  FOREIGN KEY (block_type_id) REFERENCES block_type (id) ON DELETE cascade`,
      'ALTER TABLE block_schema DROP COLUMN version',
    )
    await fillBlockSchemaChecksumsAndTypes(context)
    await sql(
      context,
      'ALTER TABLE block_schema DROP COLUMN name',
      'ALTER TABLE block_schema ALTER COLUMN checksum SET NOT NULL',
      'ALTER TABLE block_schema ALTER COLUMN block_type_id SET NOT NULL',
      'ALTER TABLE block_document ALTER COLUMN block_type_id SET NOT NULL',
    )
  },
  async down(context) {
    // Restores more than Prefect's downgrade, which leaves name and version NULL: name NOT NULL
    // from the block type's name, version NOT NULL from the checksum (unique, so
    // uq_block_schema__name_version holds), and both unique indexes unique.
    await sql(
      context,
      'ALTER TABLE block_schema ADD COLUMN version VARCHAR',
      'ALTER TABLE block_schema ADD COLUMN name VARCHAR',
      `UPDATE block_schema SET name = block_type.name, version = block_schema.checksum
FROM block_type WHERE block_type.id = block_schema.block_type_id`,
      'ALTER TABLE block_schema ALTER COLUMN version SET NOT NULL',
      'ALTER TABLE block_schema ALTER COLUMN name SET NOT NULL',
      'ALTER TABLE block_schema DROP CONSTRAINT fk_block_schema__block_type_id__block_type',
      'DROP INDEX uq_block_schema__checksum',
      'DROP INDEX ix_block_schema__checksum',
      'CREATE UNIQUE INDEX uq_block_schema__name_version ON block_schema (name, version)',
      'ALTER TABLE block_schema DROP COLUMN block_type_id',
      'ALTER TABLE block_schema DROP COLUMN checksum',
      'ALTER TABLE block_document DROP CONSTRAINT fk_block_document__block_type_id__block_type',
      'DROP INDEX uq_block__type_id_name',
      'CREATE UNIQUE INDEX uq_block__schema_id_name ON block_document (block_schema_id, name)',
      'ALTER TABLE block_document DROP COLUMN block_type_id',
      'DROP INDEX uq_block_type__name',
      'DROP INDEX ix_block_type__updated',
      'DROP TABLE block_type',
    )
  },
}

export default revision
