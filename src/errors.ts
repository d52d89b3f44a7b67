/**
 * One error hierarchy for every expected failure. Each class maps to a documented exit code
 * (README "Exit codes"); anything that is not a PrefectError is a bug and exits with INTERNAL.
 */
export const ExitCode = {
  OK: 0,
  /** The user declined a confirmation prompt (Prefect also exits 1 here). */
  ABORTED: 1,
  /** Bad flags, arguments or setting names. */
  USAGE: 2,
  /** A setting, a settings file or a profile is invalid or missing. */
  CONFIG: 3,
  /** The database cannot be reached, refused the login, or does not exist. */
  CONNECTION: 4,
  /** A revision failed, or the database's schema state does not allow the operation. */
  MIGRATION: 5,
  /** Another run holds the migration lock and the wait timed out. */
  LOCK: 6,
  /** A confirmation is needed but there is no terminal to ask on: pass -y. */
  CONFIRMATION_REQUIRED: 7,
  /** A revision argument names no revision, or several. */
  REVISION: 8,
  /** The database is at a revision this tool does not know: a newer Prefect migrated it. */
  NEWER_DATABASE: 9,
  /** check: the database is behind the expected revision. */
  CHECK_BEHIND: 10,
  /** check: the database is at a known revision above the expected one. */
  CHECK_AHEAD: 11,
  /** check: a downgrade outside a transaction was stopped part-way. */
  CHECK_HALF_REVERTED: 12,
  /** check: tables but no alembic_version (or this tool's earlier chain): not a Prefect database. */
  CHECK_NOT_PREFECT: 13,
  /** check: no database, or an empty one. */
  CHECK_EMPTY: 14,
  /** check: at the expected revision, but the schema differs from the one the chain builds there. */
  CHECK_DRIFT: 15,
  /** copy: refused before anything was written (a target that holds data, the same database as the source, a source that cannot be copied). */
  COPY_REFUSED: 16,
  /** copy: the source's and the target's tables or rows differ (schemas, counts or content hashes). */
  COPY_MISMATCH: 17,
  /** backup: the backup could not be taken; a destructive command that wanted it changed nothing. */
  BACKUP_FAILED: 20,
  /** restore: no backup at the path (the file or its .json sidecar is missing). */
  BACKUP_NOT_FOUND: 21,
  /** restore: the backup is unreadable, or its sidecar does not match the file (size, checksum, revision, tables). */
  BACKUP_INVALID: 22,
  /** restore: the backup is at a revision this tool does not know. */
  BACKUP_UNKNOWN_REVISION: 23,
  /** restore: the restored rows do not match the backup's counts and hashes; the target was emptied again. */
  RESTORE_MISMATCH: 24,
  /** vacuum: no Prefect database there (no database, an empty one, or no alembic_version). */
  VACUUM_NOT_PREFECT: 25,
  /** vacuum: a Prefect database whose schema lacks tables or columns vacuum deletes from: upgrade first. */
  VACUUM_SCHEMA_BEHIND: 26,
  /** An unexpected internal error: a bug. */
  INTERNAL: 70,
} as const

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode]

/** A brand that survives duplicate copies of this module (a bundle, a second loader). */
const BRAND = Symbol.for('prefect-dbadmin.PrefectError')

export class PrefectError extends Error {
  readonly [BRAND] = true
  readonly exitCode: ExitCodeValue
  /** What to do about it, printed after the message when it is not already part of it. */
  readonly hint?: string

  constructor(message: string, exitCode: ExitCodeValue, hint?: string) {
    super(message)
    this.name = new.target.name
    this.exitCode = exitCode
    this.hint = hint
  }

  /** The one line a user sees. */
  get line(): string {
    return this.hint ? `${this.message} ${this.hint}` : this.message
  }
}

export class AbortedError extends PrefectError {
  constructor(message: string) {
    super(message, ExitCode.ABORTED)
  }
}

export class UsageError extends PrefectError {
  constructor(message: string, hint?: string) {
    super(message, ExitCode.USAGE, hint)
  }
}

export class ConfigError extends PrefectError {
  constructor(message: string, hint?: string) {
    super(message, ExitCode.CONFIG, hint)
  }
}

export class ConnectionError extends PrefectError {
  constructor(message: string, hint?: string) {
    super(message, ExitCode.CONNECTION, hint)
  }
}

export class MigrationError extends PrefectError {
  constructor(message: string, hint?: string) {
    super(message, ExitCode.MIGRATION, hint)
  }
}

export class LockError extends PrefectError {
  constructor(message: string, hint?: string) {
    super(message, ExitCode.LOCK, hint)
  }
}

export class ConfirmationRequiredError extends PrefectError {
  constructor(action: string) {
    super(
      `Refusing to ${action} without confirmation: there is no terminal to ask on.`,
      ExitCode.CONFIRMATION_REQUIRED,
      'Pass -y (--yes) to confirm.',
    )
  }
}

export class RevisionError extends PrefectError {
  constructor(message: string, hint?: string) {
    super(message, ExitCode.REVISION, hint)
  }
}

export class NewerDatabaseError extends PrefectError {
  constructor(message: string, hint?: string) {
    super(message, ExitCode.NEWER_DATABASE, hint)
  }
}

export class VacuumNotPrefectError extends PrefectError {
  constructor(message: string, hint?: string) {
    super(message, ExitCode.VACUUM_NOT_PREFECT, hint)
  }
}

export class VacuumSchemaError extends PrefectError {
  constructor(message: string, hint?: string) {
    super(message, ExitCode.VACUUM_SCHEMA_BEHIND, hint)
  }
}

export function isPrefectError(error: unknown): error is PrefectError {
  return error instanceof Error && (error as unknown as Record<symbol, unknown>)[BRAND] === true
}

export class CopyRefusedError extends PrefectError {
  constructor(message: string, hint?: string) {
    super(message, ExitCode.COPY_REFUSED, hint)
  }
}

export class CopyMismatchError extends PrefectError {
  constructor(message: string, hint?: string) {
    super(message, ExitCode.COPY_MISMATCH, hint)
  }
}

export class BackupFailedError extends PrefectError {
  constructor(message: string, hint?: string) {
    super(message, ExitCode.BACKUP_FAILED, hint)
  }
}

export class BackupNotFoundError extends PrefectError {
  constructor(message: string, hint?: string) {
    super(message, ExitCode.BACKUP_NOT_FOUND, hint)
  }
}

export class BackupInvalidError extends PrefectError {
  constructor(message: string, hint?: string) {
    super(message, ExitCode.BACKUP_INVALID, hint)
  }
}

export class BackupRevisionError extends PrefectError {
  constructor(message: string, hint?: string) {
    super(message, ExitCode.BACKUP_UNKNOWN_REVISION, hint)
  }
}

export class RestoreMismatchError extends PrefectError {
  constructor(message: string, hint?: string) {
    super(message, ExitCode.RESTORE_MISMATCH, hint)
  }
}
