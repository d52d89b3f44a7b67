import {Flags} from '@oclif/core'

import {DEFAULT_LOCK_TIMEOUT_SECONDS} from '../db/migration-lock.js'
import {downgrade, upgrade} from '../migrator/index.js'
import type {PlanReport} from '../migrator/plan-report.js'
import type {Direction, MigrationResult} from '../migrator/types.js'
import {printWarning, successLine} from '../ui/output.js'

import {databaseContext} from './database-context.js'
import {yesFlag} from './flags.js'
import {warnInMemoryWrite} from './in-memory.js'
import {confirmOrAbort} from './prompt-policy.js'
import {appliedLine, baselineLine, dryRunLines, nothingToDoLine, startLine} from './report.js'
import type {GlobalFlags} from './settings.js'

/**
 * What `server database upgrade` and `downgrade` share: their flags, Prefect's prompt and
 * lines, and the call into the engine. The two commands differ only in direction.
 */
const TARGETS: Record<Direction, {help: string; default: string}> = {
  upgrade: {help: "Revision to upgrade to: head, +N, a revision id (or a unique prefix of 4+ characters; the other dialect's id is mapped to this one's), or a Prefect release such as 3.4.22 (its head revision).", default: 'head'},
  downgrade: {help: "Revision to downgrade to: -1, -N, base, a revision id (or a unique prefix of 4+ characters; the other dialect's id is mapped to this one's), or a Prefect release such as 3.4.22 (its head revision).", default: '-1'},
}

/** --lock-timeout SECONDS, shared by every command that takes the migration lock. */
export function lockTimeoutFlag() {
  return Flags.custom<number>({description: 'Seconds to wait for another run holding the migration lock.', default: DEFAULT_LOCK_TIMEOUT_SECONDS, parse: parseSeconds})()
}

/** --lock-timeout SECONDS: a non-negative number. */
export async function parseSeconds(input: string): Promise<number> {
  const value = Number(input)
  if (input.trim() === '' || !Number.isFinite(value) || value < 0) throw new Error(`Expected a number of seconds, got '${input}'.`)
  return value
}

export function migrationFlags(direction: Direction) {
  return {
    yes: yesFlag(),
    revision: Flags.string({char: 'r', description: TARGETS[direction].help, default: TARGETS[direction].default}),
    'dry-run': Flags.boolean({allowNo: true, description: 'Show migrations without applying: print the SQL, change nothing.', default: false}),
    plan: Flags.boolean({
      allowNo: true,
      description: 'Show what each revision would do to this database now (tables, row counts, locks and rewrites), change nothing.',
      default: false,
      exclusive: ['dry-run'],
    }),
    'lock-timeout': lockTimeoutFlag(),
    ...(direction === 'upgrade' ? {baseline: baselineFlag()} : {}),
  }
}

/** --no-baseline: an empty database gets every revision, one by one, instead of the head schema at once. */
export function baselineFlag() {
  return Flags.boolean({
    allowNo: true,
    description: 'An empty database going to head gets the head schema in one transaction; --no-baseline applies every revision instead.',
    default: true,
  })
}

export interface MigrationFlags extends GlobalFlags {
  plan?: boolean
  yes: boolean
  revision: string
  'dry-run': boolean
  'lock-timeout': number
  baseline?: boolean
}

/** `say` prints a human line on stdout; the command's, silent under --json. */
export async function runMigration(direction: Direction, flags: MigrationFlags, say: (line: string) => void): Promise<MigrationResult | PlanReport> {
  const {target, prompt, hooks} = await databaseContext(flags)
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
