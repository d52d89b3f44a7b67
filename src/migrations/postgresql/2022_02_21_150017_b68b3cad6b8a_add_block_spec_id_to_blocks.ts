import {sql} from '../helpers/prefect-sql.js'
import type {Revision} from '../types.js'

/*
 * block gets a NOT NULL block_spec_id without a default: as in Prefect, this fails on a block
 * table that holds rows.
 */
const revision: Revision = {
  revision: 'b68b3cad6b8a',
  downRevision: 'd115556a8ab6',
  message: 'Add block_spec_id to blocks',
  transaction: true,
  async up(context) {
    await sql(
      context,
      'ALTER TABLE block ADD COLUMN block_spec_id UUID NOT NULL',
      'ALTER TABLE block DROP CONSTRAINT uq_block__name',
      'CREATE UNIQUE INDEX uq_block__spec_id_name ON block (block_spec_id, name)',
      `ALTER TABLE block ADD CONSTRAINT fk_block__block_spec_id__block_spec
  FOREIGN KEY (block_spec_id) REFERENCES block_spec (id) ON DELETE cascade`,
      'ALTER TABLE block DROP COLUMN blockref',
      'ALTER TABLE block ADD COLUMN is_default_storage_block BOOLEAN DEFAULT false',
      'CREATE INDEX ix_block__is_default_storage_block ON block (is_default_storage_block)',
    )
  },
  async down(context) {
    // Restores more than Prefect's downgrade: blockref NOT NULL (rows get '').
    await sql(
      context,
      "ALTER TABLE block ADD COLUMN blockref VARCHAR NOT NULL DEFAULT ''",
      'ALTER TABLE block ALTER COLUMN blockref DROP DEFAULT',
      'ALTER TABLE block DROP CONSTRAINT fk_block__block_spec_id__block_spec',
      'DROP INDEX uq_block__spec_id_name',
      'ALTER TABLE block ADD CONSTRAINT uq_block__name UNIQUE (name)',
      'ALTER TABLE block DROP COLUMN block_spec_id',
      'DROP INDEX ix_block__is_default_storage_block',
      'ALTER TABLE block DROP COLUMN is_default_storage_block',
    )
  },
}

export default revision
