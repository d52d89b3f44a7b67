import {createIndexConcurrently, dropIndexConcurrently} from '../helpers/postgres-concurrent-index.js'
import {selectRows, sql} from '../helpers/prefect-sql.js'
import type {MigrationContext, Revision} from '../types.js'

const UNIQUE_SLUG_INDEX = 'ix_deployment_schedule__deployment_id__slug'

/**
 * createIndexConcurrently for a UNIQUE index: an INVALID leftover of a killed run (or of a build
 * that failed on duplicates) is dropped first, so that IF NOT EXISTS does not keep it.
 */
async function createUniqueSlugIndex(context: MigrationContext): Promise<void> {
  const invalid = await selectRows(
    context,
    `SELECT 1 FROM pg_index i
     JOIN pg_class c ON c.oid = i.indexrelid
     JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE c.relname = ? AND n.nspname = current_schema() AND NOT i.indisvalid`,
    [UNIQUE_SLUG_INDEX],
  )
  if (invalid.length > 0) await dropIndexConcurrently(context.knex, UNIQUE_SLUG_INDEX)
  await sql(
    context,
    `CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS ${UNIQUE_SLUG_INDEX}
      ON deployment_schedule (deployment_id, slug) WHERE slug IS NOT NULL`,
  )
}

// Outside a transaction with CONCURRENTLY indexes, as Prefect runs it; every step can be repeated.
const revision: Revision = {
  revision: 'a03d00b8e275',
  downRevision: 'c163acd7e8e3',
  message: 'Add slug column to deployment_schedule',
  transaction: false,
  async up(context) {
    await sql(context, 'ALTER TABLE deployment_schedule ADD COLUMN IF NOT EXISTS slug VARCHAR')
    await createIndexConcurrently(context.knex, 'ix_deployment_schedule__slug', 'ON deployment_schedule (slug)')
    await createUniqueSlugIndex(context)
  },
  async down(context) {
    await dropIndexConcurrently(context.knex, UNIQUE_SLUG_INDEX)
    await dropIndexConcurrently(context.knex, 'ix_deployment_schedule__slug')
    await sql(context, 'ALTER TABLE deployment_schedule DROP COLUMN IF EXISTS slug')
  },
}

export default revision
