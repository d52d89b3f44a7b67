import type {Dialect} from '../db/target.js'
import type {ChainEntry} from './chain.js'

/** Which way a revision runs. */
export type Direction = 'upgrade' | 'downgrade'

export interface StartedRevision {
  revision: string
  message: string
  direction: Direction
}

export interface AppliedRevision extends StartedRevision {
  milliseconds: number
}

export interface EngineOptions {
  /** The revision chain, base first; defaults to Prefect's chain of the database's dialect. */
  revisions?: readonly ChainEntry[]
  /** Told when a revision argument meant something else (the other dialect's id for the same change). */
  onNote?: (message: string) => void
  /** Seconds to wait for another run's migration lock (default 300). */
  lockTimeoutSeconds?: number
  /** Called once when another run holds the lock and we start waiting. */
  onWait?: (message: string) => void
  /** Called as each revision starts: a long migration shows which revision is running. */
  onStart?: (step: StartedRevision) => void
  /** Called after each revision commits. */
  onApplied?: (applied: AppliedRevision) => void
  /** One-line warnings (old PostgreSQL, dry-run without a reachable database). */
  warn?: (message: string) => void
  /** Told every statement sent on the run's connections (PREFECT_SERVER_DATABASE_ECHO, wired up by the CLI). */
  onQuery?: (sql: string) => void
}

export interface MigrateOptions extends EngineOptions {
  /** upgrade: head | REV | +N (default head); downgrade: -1 | -N | REV | base (default -1). */
  revision?: string
  /** Print-only: record the SQL each step would run; change (and create) nothing. */
  dryRun?: boolean
  /**
   * dryRun: run the revisions that read the database on a copy of its rows (default), or only on
   * its schema with no rows (false: quicker, what --plan uses).
   */
  dryRunRows?: boolean
  /**
   * An empty database going to head gets the head schema in one transaction (the baseline)
   * instead of every revision; false forces the whole chain. Default true. Prefect's chains only.
   */
  baseline?: boolean
}

export interface ResetOptions extends EngineOptions {
  /** Called when reset moves from dropping tables to upgrading. */
  onPhase?: (phase: 'drop' | 'upgrade') => void
  /**
   * With a chain of your own (`revisions`): the tables it creates, which reset may drop. Prefect's
   * chains' tables are known; every other table is kept.
   */
  ownedTables?: readonly string[]
  /** Re-create the schema from the baseline (default) or, false, through the whole chain. */
  baseline?: boolean
}

export interface MigrationResult {
  action: 'upgrade' | 'downgrade' | 'reset' | 'stamp'
  database: string
  dialect: Dialect
  dryRun: boolean
  /** Revision before and after; null is base. */
  from: string | null
  to: string | null
  applied: AppliedRevision[]
  /**
   * --dry-run: the script, in order: what the run would execute, transaction boundaries and
   * alembic_version updates included, each revision under a comment line naming it.
   */
  sql?: string[]
  /** --dry-run: statements the run would execute only to read state (not part of the script). */
  reads?: string[]
  /** --dry-run: each revision's own statements (what the script holds under its comment). */
  steps?: DryRunStep[]
  /** Set when the run applied the baseline instead of the revisions one by one. */
  baseline?: BaselineApplied
  /** reset: the tables that were dropped (Prefect's and our log). */
  droppedTables?: string[]
  /** reset: the tables that were kept (not Prefect's). */
  keptTables?: string[]
}

/** What a baseline install stands for: the revisions from `from` to `revision`, in one transaction. */
export interface BaselineInfo {
  /** The revision the baseline is the schema of (the chain's head when it was applied). */
  revision: string
  /** The first revision it stands for (the chain's first). */
  from: string
  /** How many revisions it stands for. */
  revisions: number
}

export interface BaselineApplied extends BaselineInfo {
  milliseconds: number
}

/** A baseline install as the log records it (prefect_migrations, row `baseline:<revision>`). */
export interface BaselineRecord extends BaselineInfo {
  appliedAt: string | null
  executionMs: number | null
}

export interface CurrentState {
  database: string
  dialect: Dialect
  /** False for a SQLite file that does not exist yet. */
  exists: boolean
  /** Whether alembic_version exists. */
  recorded: boolean
  revision: string | null
  message: string | null
  /** Where the revision sits among Prefect's releases: "head of Prefect 3.4.22", "between Prefect 3.4.22 and 3.5.0". */
  releases: string | null
  head: string | null
  isHead: boolean
  /** Tables other than alembic_version and our log (a foreign database has these but no alembic_version). */
  otherTables: string[]
  /** Whether the current revision's downgrade was interrupted (see DatabaseState.interrupted). */
  interrupted: boolean
  /** The baseline install that applied the current revision, if one did (null: it ran by itself, or unknown). */
  baseline: BaselineRecord | null
}

export interface HistoryEntry {
  revision: string
  downRevision: string | null
  message: string
  isHead: boolean
  isCurrent: boolean
  applied: boolean
  appliedAt: string | null
  executionMs: number | null
  /**
   * Set when this revision was applied as part of a baseline install (one transaction for all
   * the revisions it stands for) rather than by its own migration; appliedAt is then the
   * baseline's, executionMs null (the baseline's total is in here).
   */
  baseline: BaselineRecord | null
}

export interface DryRunStep {
  revision: string
  direction: Direction
  statements: string[]
}
