import {INTERRUPTED_MS} from '../migrator/record-tables.js'
import type {AppliedRevision, BaselineApplied, BaselineInfo, CurrentState, HistoryEntry, MigrationResult, StartedRevision} from '../migrator/types.js'

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

/** What a baseline stands for, in words: "the 112 revisions 9725c1cbee35 to f416ea180ae1". */
function standsFor(baseline: BaselineInfo): string {
  return `the ${baseline.revisions} revisions ${baseline.from} to ${baseline.revision}`
}

/** Printed instead of a line per revision when the run applied the baseline. */
export function baselineLine(baseline: BaselineApplied): string {
  return `Applied the baseline: the schema of ${baseline.revision} in one transaction, standing for ${standsFor(baseline)} (${baseline.milliseconds} ms)`
}

export function nothingToDoLine(result: MigrationResult): string | undefined {
  if (result.applied.length > 0 || result.baseline) return undefined
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
  const baseline = state.baseline ? `; built from the baseline of ${state.baseline.revision} (${standsFor(state.baseline)} in one transaction)` : ''
  return `${state.revision} ${state.message}${marks ? ` (${marks})` : ''}${interrupted}${baseline}`
}

export function historyLines(entries: HistoryEntry[], verbose: boolean): string[] {
  const lines: string[] = []
  let baselineShown = false
  for (const entry of entries) {
    // The newest revision the baseline still stands for carries the mark (newest first).
    const isBaseline = Boolean(entry.baseline) && !baselineShown
    if (isBaseline) baselineShown = true
    const marks = [entry.isHead ? '(head)' : '', entry.isCurrent ? '(current)' : '', isBaseline ? `(baseline: ${standsFor(entry.baseline!)})` : '']
      .filter(Boolean)
      .join(' ')
    lines.push(`${entry.downRevision ?? '<base>'} -> ${entry.revision}${marks ? ` ${marks}` : ''}, ${entry.message}`)
    if (verbose) {
      const applied = entry.baseline
        ? `applied ${entry.appliedAt} by the baseline of ${entry.baseline.revision} (${standsFor(entry.baseline)} in one transaction, ${entry.baseline.executionMs} ms)`
        : entry.executionMs === INTERRUPTED_MS
          ? `applied ${entry.appliedAt}, downgrade begun and not finished`
          : entry.appliedAt === null
            ? 'applied (when and how long unknown: applied by Prefect, or stamped)'
            : `applied ${entry.appliedAt} in ${entry.executionMs} ms`
      lines.push(entry.applied ? `    ${applied}` : '    not applied')
    }
  }

  return lines
}
