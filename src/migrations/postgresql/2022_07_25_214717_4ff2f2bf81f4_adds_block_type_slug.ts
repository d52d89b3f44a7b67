import {fillBlockTypeSlugs} from '../helpers/block-schema.js'
import {sql} from '../helpers/prefect-sql.js'
import type {Revision} from '../types.js'

const revision: Revision = {
  revision: '4ff2f2bf81f4',
  downRevision: 'e085c9cbf8ce',
  message: 'Adds block type slug',
  transaction: true,
  async up(context) {
    await sql(
      context,
      'ALTER TABLE block_type ADD COLUMN slug VARCHAR',
      'DROP INDEX uq_block_type__name',
      'CREATE UNIQUE INDEX uq_block_type__slug ON block_type (slug)',
    )
    await fillBlockTypeSlugs(context)
    await sql(context, 'ALTER TABLE block_type ALTER COLUMN slug SET NOT NULL')
  },
  async down(context) {
    // Ours restores uq_block_type__name as unique (Prefect's downgrade re-creates it non-unique).
    // Block schemas keep their slugs and checksums, as with Prefect's.
    await sql(
      context,
      'DROP INDEX uq_block_type__slug',
      'CREATE UNIQUE INDEX uq_block_type__name ON block_type (name)',
      'ALTER TABLE block_type DROP COLUMN slug',
    )
  },
}

export default revision
