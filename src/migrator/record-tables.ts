/**
 * The record's table names and the half-reverted mark, apart from record.ts (which needs the chain
 * and Prefect's table list), so that the start-up lane's no-op check (cli/idle-upgrade.ts) reads
 * the record by the same names without loading them. record.ts says what each table holds.
 */
export const VERSION_TABLE = 'alembic_version'
export const RECORD_TABLE = 'prefect_migrations'

/** `execution_ms` of a log row whose revision's `down` has begun: see DatabaseState.interrupted. */
export const INTERRUPTED_MS = -1
