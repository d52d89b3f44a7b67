import {downgrade, upgrade} from '../migrator/migrate.js'
import type {PlanReport} from '../migrator/plan-report.js'
import type {Direction, MigrationResult} from '../migrator/types.js'
import {printWarning, successLine} from '../ui/output.js'

import {databaseContext} from './database-context.js'
import {warnInMemoryWrite} from './in-memory.js'
import {confirmOrAbort} from './prompt-policy.js'
import {appliedLine, baselineLine, dryRunLines, nothingToDoLine, startLine} from './report.js'
import type {GlobalFlags} from './settings.js'

/*
 * What `server database upgrade` and `downgrade` do once their flags are parsed: Prefect's prompt
 * and lines, and the call into the engine. Free of oclif, so that the start-up lane for
 * `upgrade -y` (fast-upgrade.ts) runs the very same code.
 */

export interface MigrationFlags extends GlobalFlags {
  /** downgrade: --[no-]backup (the automatic backup before a downgrade that drops data). */
  backup?: boolean
  plan?: boolean
  yes: boolean
  revision: string
  'dry-run': boolean
  'lock-timeout': number
  baseline?: boolean
}

/** `say` prints a human line on stdout; the command's, silent under --json. */
export async function runMigration(direction: Direction, flags: MigrationFlags, say: (line: string) => void): Promise<MigrationResult | PlanReport> {
  const {target, prompt, hooks, settings} = await databaseContext(flags)
  if (flags.plan) {
    const {planReport} = await import('../migrator/plan-report.js')
    const report = await planReport(target, direction, {...hooks, revision: flags.revision, onNote: (line) => process.stderr.write(`${line}\n`)})
    for (const line of planLines(report)) say(line)
    for (const line of report.warnings) printWarning(line)
    return report
  }

  const dryRun = flags['dry-run']
  if (!dryRun) {
    await confirmOrAbort(`Are you sure you want to ${direction} the Prefect database at ${target.displayUrl}?`, {
      yes: flags.yes, action: `${direction} the database`, prompt, aborted: `Database ${direction} aborted!`,
    })
  }

  if (!dryRun) warnInMemoryWrite(target, direction)
  if (!dryRun && direction === 'downgrade') {
    // Loaded only here: the upgrade lane (fast-upgrade.ts) stays free of oclif and the backup code.
    const {backupBeforeDowngrade} = await import('./auto-backup.js')
    await backupBeforeDowngrade(target, settings, flags, flags.revision, {warn: hooks.warn, lockTimeoutSeconds: flags['lock-timeout']})
  }

  // A dry run's stdout is a script for the database's client: everything else goes to stderr.
  const note = dryRun ? (line: string) => process.stderr.write(`${line}\n`) : say
  note(`Running ${direction} migrations ...`)
  const run = direction === 'upgrade' ? upgrade : downgrade
  const result = await run(target, {
    ...hooks,
    revision: flags.revision,
    dryRun,
    baseline: flags.baseline,
    lockTimeoutSeconds: flags['lock-timeout'],
    onWait: printWarning,
    onNote: note,
    onStart: dryRun ? undefined : (step) => process.stderr.write(`${startLine(step)}\n`),
    onApplied: dryRun ? undefined : (applied) => say(appliedLine(applied)),
  })
  const idle = nothingToDoLine(result)
  if (dryRun) {
    for (const line of dryRunLines(result)) say(line)
    if (result.reads && result.reads.length > 0) {
      note(`-- Statements the run would execute only to read state (not part of the script above):\n${result.reads.join(';\n')};`)
    }

    note(idle ?? `Dry run: nothing was changed. The script above takes the database from ${result.from ?? 'base'} to ${result.to ?? 'base'}.`)
    return result
  }

  if (idle) {
    // Nothing ran: no line claims that anything succeeded or was upgraded.
    say(idle)
    return result
  }

  if (result.baseline) say(baselineLine(result.baseline))
  say('Migrations succeeded!')
  say(successLine(`Prefect database at ${target.displayUrl} ${direction}d!`))
  return result
}

/** The plan, a line per revision and an indented line per table. */
function planLines(report: PlanReport): string[] {
  if (report.steps.length === 0) return [`Nothing to do: the database is already at ${report.to ?? 'base'}.`]
  const lines = [`Plan: ${report.action} ${report.database} from ${report.from ?? 'base'} to ${report.to ?? 'base'}, ${report.steps.length} revision(s); nothing was changed.`]
  for (const step of report.steps) {
    lines.push(`${step.direction === 'upgrade' ? 'apply ' : 'revert'} ${step.revision} ${step.message}${step.operations.length > 0 ? ` [${step.operations.join(', ')}]` : ''}`)
    for (const table of step.tables) {
      const rows = table.rows === null ? 'not in the database yet' : `${table.estimate ? 'about ' : ''}${table.rows.toLocaleString('en-US')} rows${table.estimate ? ' (planner estimate)' : ''}`
      lines.push(`    ${table.name}: ${rows}`)
    }
  }

  return lines
}
