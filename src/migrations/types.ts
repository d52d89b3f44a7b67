import type {Knex} from 'knex'

import type {Dialect} from '../db/target.js'

/**
 * What a revision's `up` and `down` receive. `knex` is the transaction when the revision runs
 * in one (`transaction: true`), otherwise the plain connection.
 */
export interface MigrationContext {
  knex: Knex | Knex.Transaction
  dialect: Dialect
}

/** What the chain knows of a revision without loading its module. */
export interface RevisionInfo {
  /** 12 lowercase hex characters, Prefect's revision id. */
  revision: string
  /** The revision this one follows; null for the first. */
  downRevision: string | null
  /** Prefect's message (the first line of the migration's docstring). */
  message: string
}

/** A chain entry whose module loads on demand (src/migrations/<dialect>/index.ts). */
export interface LazyRevision extends RevisionInfo {
  /** The module's file name stem, Prefect's: `2023_03_20_185238_d20618ce678e_add_artifact_collection_table`. */
  file: string
  load(): Promise<Revision>
}

/**
 * One revision of the schema. The same revision id means the same logical schema on SQLite
 * and PostgreSQL; dialect differences are written out inside `up` and `down`.
 */
export interface Revision {
  /** 12 lowercase hex characters, equal to the id in the file name. */
  revision: string
  /** The revision this one follows; null for the first. */
  downRevision: string | null
  message: string
  /**
   * Whether `up` and `down` run inside one transaction, for both dialects or per dialect.
   * Revisions that must run outside one (CREATE INDEX CONCURRENTLY on PostgreSQL) say
   * `{sqlite: true, postgresql: false}` and are written to be re-run safely.
   */
  transaction: boolean | Record<Dialect, boolean>
  /**
   * PostgreSQL extensions the revision creates or uses (e.g. pg_trgm): checked before a run
   * changes anything, so a missing extension stops the run up front with what to do.
   */
  requires?: readonly string[]
  /**
   * `up` and `down` act on the database only through `context.knex`. On PostgreSQL the engine
   * may call them first against a recording client that sends nothing, to send the revision in
   * one query (then COMMIT). While recorded, every query returns no rows and counts nothing: a
   * revision that reads, writes rows through the query builder or sends parameters is seen doing
   * so and runs again, live; one that used the result of a raw statement would not be, so read
   * with a select instead. See PostgresBatcher.
   */
  up(context: MigrationContext): Promise<void>
  down(context: MigrationContext): Promise<void>
}

/**
 * The head schema of a chain as one block of DDL (src/migrations/<dialect>/baseline.ts, written
 * by scripts/generate-baselines.ts from a database the chain built): what an empty database
 * gets instead of the whole chain, in one transaction. alembic_version and our log are not in
 * `statements`; the engine creates and fills them as for any revision.
 */
export interface Baseline {
  /** The revision it stands for: the chain's head when it was generated. */
  revision: string
  /** The first revision of the chain: the baseline stands for every revision from it to `revision`. */
  from: string
  /** How many revisions it stands for. */
  revisions: number
  /** PostgreSQL extensions it creates (checked first, as the chain's `requires`). */
  requires: readonly string[]
  statements: readonly string[]
}
