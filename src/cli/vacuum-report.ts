import {describeSeconds, VACUUM_TABLES, type VacuumResult} from '../vacuum/index.js'

const number = (value: number) => value.toLocaleString('en-US')

/** What the run covered, in one line: each kind with its cutoff. */
export function scopeLine(result: VacuumResult, now: Date): string {
  const age = (iso: string) => describeSeconds(Math.round((now.getTime() - Date.parse(iso)) / 1000))
  const parts: string[] = []
  if (result.kinds.includes('orphans')) parts.push('orphaned logs, artifacts and artifact collections')
  if (result.cutoffs.flowRuns) parts.push(`terminal flow runs that ended more than ${age(result.cutoffs.flowRuns)} ago (before ${result.cutoffs.flowRuns})`)
  if (result.cutoffs.events) {
    const types = Object.entries(result.cutoffs.eventTypes).map(([type, iso]) => `${type}: ${age(iso)}`)
    parts.push(`events older than ${age(result.cutoffs.events)}${types.length > 0 ? ` (${types.join(', ')})` : ''}`)
  }

  return `${result.dryRun ? 'Dry run' : 'Vacuum'} of ${result.database}${result.dryRun ? ' (nothing is changed)' : ''}: ${parts.join('; ')}.`
}

/** The per-table summary: a header, one row per table, a total line. */
export function summaryLines(result: VacuumResult): string[] {
  const heading = result.dryRun ? 'would delete' : 'deleted'
  const rows = VACUUM_TABLES.map((table) => {
    let cell = number(result.deleted[table])
    if (table === 'artifact_collection' && result.collectionsRepointed > 0) cell += ` (${number(result.collectionsRepointed)} more re-pointed)`
    return [table, cell]
  })
  const width = Math.max(...VACUUM_TABLES.map((table) => table.length), 'table'.length)
  const lines = [`${'table'.padEnd(width)}  ${heading}`, ...rows.map(([table, cell]) => `${table.padEnd(width)}  ${cell}`)]
  if (result.dryRun) {
    lines.push(`Would delete ${number(result.totalRows)} rows; nothing was changed.`)
  } else {
    lines.push(`Deleted ${number(result.totalRows)} rows in ${result.seconds.toFixed(1)} s (${number(result.rowsPerSecond)} rows/s).`)
  }

  if (result.reclaim) {
    const {statement, bytesBefore, bytesAfter, note} = result.reclaim
    const sizes = bytesBefore !== null && bytesAfter !== null ? `: ${megabytes(bytesBefore)} -> ${megabytes(bytesAfter)}` : ''
    lines.push(`Reclaimed space with ${statement}${sizes}.`)
    if (note) lines.push(note)
  }

  return lines
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`
}
