import {MigrationError} from '../errors.js'
import type {PostgresTarget} from './target.js'

/** What the check needs of a connection: knex, or the driver's client behind a `raw` of the same shape. */
export interface RawQueryable {
  raw(sql: string): PromiseLike<unknown>
}

interface TrgmFacts {
  installed: boolean
  available: boolean
  superuser: boolean
  can_create: boolean
}

async function defaultVersionTrusted(knex: RawQueryable): Promise<boolean> {
  const result = (await knex.raw(`
    select coalesce((select v.trusted from pg_catalog.pg_available_extension_versions v
                     join pg_catalog.pg_available_extensions e on e.name = v.name and e.default_version = v.version
                     where v.name = 'pg_trgm'), false) as trusted`)) as {rows: Array<{trusted: boolean}>}
  return result.rows[0].trusted
}

/**
 * Before changing anything: when a revision to run needs pg_trgm, make sure the extension is
 * installed or that this role may create it (superuser, or CREATE on the database for a
 * trusted extension, as pg_trgm is since PostgreSQL 13). Otherwise stop with what a superuser
 * must run, instead of failing half-way through the upgrade.
 */
export async function checkPgTrgm(knex: RawQueryable, target: PostgresTarget, revision: string): Promise<void> {
  // pg_available_extension_versions costs more than pg_available_extensions: it also lists every
  // version of every extension. Ask it only when its answer decides.
  const result = (await knex.raw(`
    select exists (select 1 from pg_catalog.pg_extension where extname = 'pg_trgm') as installed,
           exists (select 1 from pg_catalog.pg_available_extensions where name = 'pg_trgm') as available,
           (select rolsuper from pg_catalog.pg_roles where rolname = current_user) as superuser,
           has_database_privilege(current_database(), 'CREATE') as can_create`)) as {rows: TrgmFacts[]}
  const facts = result.rows[0]
  if (facts.installed || (facts.available && facts.superuser)) return
  if (facts.available && facts.can_create && (await defaultVersionTrusted(knex))) return
  const where = `database "${target.database}"`
  if (!facts.available) {
    throw new MigrationError(
      `Revision ${revision} needs the PostgreSQL extension pg_trgm, which this server does not provide.`,
      `Install the PostgreSQL contrib package on the server, then have a superuser run CREATE EXTENSION pg_trgm; in ${where}.`,
    )
  }

  throw new MigrationError(
    `Revision ${revision} needs the PostgreSQL extension pg_trgm, which is not installed in ${where} and role "${target.user ?? ''}" may not create it.`,
    `Ask a superuser to run CREATE EXTENSION pg_trgm; in ${where}, then run the upgrade again.`,
  )
}
