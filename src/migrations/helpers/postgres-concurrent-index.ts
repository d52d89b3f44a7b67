import type {Knex} from 'knex'

/**
 * Builds a PostgreSQL index without locking writes, outside any transaction. A crash or timeout
 * during CREATE INDEX CONCURRENTLY leaves an INVALID index under the name, which IF NOT EXISTS
 * would then keep forever: drop such a leftover first, so the revision can simply be run again.
 */
export async function createIndexConcurrently(knex: Knex | Knex.Transaction, name: string, definition: string): Promise<void> {
  const invalid = (await knex.raw(
    `SELECT 1 FROM pg_index i
     JOIN pg_class c ON c.oid = i.indexrelid
     JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE c.relname = ? AND n.nspname = current_schema() AND NOT i.indisvalid`,
    [name],
  )) as {rows?: unknown[]} | undefined
  if ((invalid?.rows?.length ?? 0) > 0) await knex.raw(`DROP INDEX CONCURRENTLY IF EXISTS ${name}`)
  await knex.raw(`CREATE INDEX CONCURRENTLY IF NOT EXISTS ${name} ${definition}`)
}

export async function dropIndexConcurrently(knex: Knex | Knex.Transaction, name: string): Promise<void> {
  await knex.raw(`DROP INDEX CONCURRENTLY IF EXISTS ${name}`)
}
