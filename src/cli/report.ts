import {INTERRUPTED_MS} from '../migrator/record.js'
import type {AppliedRevision, CurrentState, HistoryEntry, MigrationResult, StartedRevision} from '../migrator/types.js'

/**
 * Human renderings of the engine's result objects (the --json output is the objects
 * themselves). Plain strings; the commands decide where they go.
 */
/** Printed on stderr as a revision starts, so a long one shows what is running. */
export function startLine(step: StartedRevision): string {
  return `${step.direction === 'upgrade' ? 'Applying' : 'Reverting'} ${step.revision} ${step.message} ...`
}

export function appliedLine(applied: AppliedRevision): string {
  const verb = applied.direction === 'upgrade' ? 'Applied' : 'Reverted'
  return `${verb} ${applied.revision} ${applied.message} (${applied.milliseconds} ms)`
}

export function nothingToDoLine(result: MigrationResult): string | undefined {
  if (result.applied.length > 0) return undefined
  return `Nothing to do: the database is already at ${result.to ?? 'base'}.`
}

/** The dry run's script: SQL and comment lines only, for stdout. */
export function dryRunLines(result: MigrationResult): string[] {
  return result.sql ?? []
}

export function currentLine(state: CurrentState): string {
  if (!state.exists) return `base (there is no database at ${state.database} yet)`
  if (!state.recorded && state.otherTables.length > 0) {
    return `base (no alembic_version: not a Prefect database; it has ${state.otherTables.length} other table(s), e.g. ${state.otherTables.slice(0, 3).join(', ')})`
  }

  if (!state.revision) return 'base'
  const interrupted = state.interrupted ? ' (its downgrade was interrupted: upgrade or downgrade finishes it)' : ''
  const marks = [state.isHead ? 'head' : '', state.releases ?? ''].filter(Boolean).join(', ')
  return `${state.revision} ${state.message}${marks ? ` (${marks})` : ''}${interrupted}`
}

export function historyLines(entries: HistoryEntry[], verbose: boolean): string[] {
  const lines: string[] = []
  for (const entry of entries) {
    const marks = [entry.isHead ? '(head)' : '', entry.isCurrent ? '(current)' : ''].filter(Boolean).join(' ')
    lines.push(`${entry.downRevision ?? '<base>'} -> ${entry.revision}${marks ? ` ${marks}` : ''}, ${entry.message}`)
    if (verbose) {
      const applied =
        entry.executionMs === INTERRUPTED_MS
          ? `applied ${entry.appliedAt}, downgrade begun and not finished`
          : entry.appliedAt === null
            ? 'applied (when and how long unknown: applied by Prefect, or stamped)'
            : `applied ${entry.appliedAt} in ${entry.executionMs} ms`
      lines.push(entry.applied ? `    ${applied}` : '    not applied')
    }
  }

  return lines
}
