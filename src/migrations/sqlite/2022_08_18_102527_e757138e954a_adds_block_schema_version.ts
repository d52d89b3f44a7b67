import {sql} from '../helpers/prefect-sql.js'
import type {Revision} from '../types.js'

const revision: Revision = {
  revision: 'e757138e954a',
  downRevision: '575634b7acd4',
  message: 'Adds block schema version',
  transaction: true,
  async up(context) {
    await sql(
      context,
      "ALTER TABLE block_schema ADD COLUMN version VARCHAR NOT NULL DEFAULT 'non-versioned'",
      'DROP INDEX uq_block_schema__checksum',
      'CREATE UNIQUE INDEX uq_block_schema__checksum_version ON block_schema (checksum, version)',
    )
  },
  async down(context) {
    // Ours restores uq_block_schema__checksum as unique (Prefect's downgrade re-creates it
    // non-unique): this fails if two versions of one schema share a checksum.
    await sql(
      context,
      'DROP INDEX uq_block_schema__checksum_version',
      'CREATE UNIQUE INDEX uq_block_schema__checksum ON block_schema (checksum)',
      'ALTER TABLE block_schema DROP COLUMN version',
    )
  },
}

export default revision
