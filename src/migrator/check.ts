import type {DatabaseTarget} from '../db/target.js'
import {ExitCode, isPrefectError, NewerDatabaseError} from '../errors.js'
import {readOnlyState, type ReadOptions} from './inspect.js'
import {loadChain} from './session.js'

/** The states `check` tells apart, each with its own exit code (README "Exit codes"). */
export type CheckStateName = 'current' | 'behind' | 'ahead' | 'unknown-revision' | 'half-reverted' | 'not-prefect' | 'empty' | 'drift'

export const CHECK_EXIT_CODES: Record<CheckStateName, number> = {
  current: ExitCode.OK,
  'unknown-revision': ExitCode.NEWER_DATABASE,
  behind: ExitCode.CHECK_BEHIND,
  ahead: ExitCode.CHECK_AHEAD,
  'half-reverted': ExitCode.CHECK_HALF_REVERTED,
  'not-prefect': ExitCode.CHECK_NOT_PREFECT,
  empty: ExitCode.CHECK_EMPTY,
  drift: ExitCode.CHECK_DRIFT,
}

export interface CheckResult {
  state: CheckStateName
  exitCode: number
  database: string
  dialect: DatabaseTarget['dialect']
  /** The recorded revision (null: none). */
  revision: string | null
  /** The revision the database is expected at (head unless -r says otherwise). */
  expected: string | null
  /** Revisions between the recorded one and the expected one (behind: to apply; ahead: above it). */
  pending: number
  /** One line: the state and the command that fixes it. */
  message: string
  /** At the expected revision: how the live schema differs from the one the chain builds there (empty: none). */
  drift: string[]
  /** Tables that belong to neither of Prefect's chains: listed, not drift. */
  otherTables: string[]
  /** Why drift was not checked, or null. */
  driftSkipped: string | null
}

export interface CheckOptions extends ReadOptions {
  /** The expected revision: head (default), base, an id or prefix, a release, the other dialect's id. */
  revision?: string
}

/**
 * Where the database stands against the expected revision. Read-only: no lock (it answers while
 * a migration runs), and a SQLite file that does not exist is not created. An unreachable
 * server or a refused login is an error (exit 4), not a state.
 */
export async function check(target: DatabaseTarget, options: CheckOptions = {}): Promise<CheckResult> {
  const chain = await loadChain(target.dialect, options.revisions)
  const expectedPosition = chain.resolve(options.revision ?? 'head')
  const expected = chain.idAt(expectedPosition)
  const make = (state: CheckStateName, revision: string | null, pending: number, message: string, more: Partial<CheckResult> = {}): CheckResult => ({
    state, exitCode: CHECK_EXIT_CODES[state], database: target.displayUrl, dialect: target.dialect, revision, expected, pending, message,
    drift: [], otherTables: [], driftSkipped: null, ...more,
  })

  let state
  try {
    state = await readOnlyState(target, chain, options)
  } catch (error) {
    if (error instanceof NewerDatabaseError || (isPrefectError(error) && error.exitCode === ExitCode.NEWER_DATABASE)) {
      return make('unknown-revision', null, 0, error.message)
    }

    if (isPrefectError(error) && /earlier prefect-dbadmin/.test(error.message)) return make('not-prefect', null, 0, error.line)
    throw error
  }

  if (state === null) return make('empty', null, 0, `There is no database at ${target.displayUrl} yet. Create it with 'prefect server database upgrade -y'.`)
  if (!state.hasRecord) {
    if (state.otherTables.length === 0) return make('empty', null, 0, `The database at ${target.displayUrl} is empty. Create the schema with 'prefect server database upgrade -y'.`)
    const shown = state.otherTables.slice(0, 5).join(', ') + (state.otherTables.length > 5 ? ', …' : '')
    return make('not-prefect', null, 0, `The database at ${target.displayUrl} has tables (${shown}) but no alembic_version: it is not a Prefect database. Point the connection URL at Prefect's database.`)
  }

  const revision = chain.idAt(state.position)
  if (state.interrupted) {
    return make('half-reverted', revision, 0, `Revision ${revision} is half reverted (a downgrade was stopped part-way). Finish it with 'prefect server database upgrade -y' or 'downgrade -y -r -1'.`)
  }

  const at = revision ?? 'base'
  if (state.position < expectedPosition) {
    const pending = expectedPosition - state.position
    const to = expectedPosition === chain.headIndex ? '' : ` -r ${expected ?? 'base'}`
    return make('behind', revision, pending, `The database is at ${at}, ${pending} revision${pending === 1 ? '' : 's'} behind ${expected}. Run 'prefect server database upgrade -y${to}'.`)
  }

  if (state.position > expectedPosition) {
    const above = state.position - expectedPosition
    return make('ahead', revision, above, `The database is at ${at}, ${above} revision${above === 1 ? '' : 's'} above ${expected ?? 'base'}. Run 'prefect server database downgrade -y -r ${expected ?? 'base'}', or use the newer code.`)
  }

  // Loaded only here: the schema dumper stays out of every other command's start-up.
  const {schemaDrift} = await import('./drift.js')
  const report = await schemaDrift(target, chain, state.position, options)
  const more = {drift: report.differences, otherTables: report.otherTables, driftSkipped: report.skipped}
  if (report.differences.length > 0) {
    const shown = report.differences.slice(0, 5).join('; ') + (report.differences.length > 5 ? `; and ${report.differences.length - 5} more` : '')
    return make('drift', revision, 0, `The database is at ${at}, but its schema differs from that revision's in ${report.differences.length} place(s): ${shown}. Find what changed it; --json lists every difference.`, more)
  }

  const others = report.otherTables.length > 0 ? ` Other tables (not Prefect's, not checked): ${report.otherTables.join(', ')}.` : ''
  const skipped = report.skipped ? ` Schema drift not checked: ${report.skipped}.` : ''
  const matches = report.skipped ? '' : ", and its schema matches that revision's"
  return make('current', revision, 0, `The database is at ${at}, as expected${matches}.${others}${skipped}`, more)
}
