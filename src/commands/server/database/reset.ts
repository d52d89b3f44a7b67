import {BaseCommand} from '../../../base-command.js'
import {backupBeforeDestruction} from '../../../cli/auto-backup.js'
import {databaseContext} from '../../../cli/database-context.js'
import {backupFlag, yesFlag} from '../../../cli/flags.js'
import {warnInMemoryWrite} from '../../../cli/in-memory.js'
import {baselineFlag, lockTimeoutFlag} from '../../../cli/migration-command.js'
import {confirmOrAbort} from '../../../cli/prompt-policy.js'
import {appliedLine, baselineLine, startLine} from '../../../cli/report.js'
import {reset, resetPreview} from '../../../migrator/index.js'
import type {MigrationResult} from '../../../migrator/types.js'
import {printWarning, successLine} from '../../../ui/output.js'

export default class DatabaseReset extends BaseCommand<typeof DatabaseReset> {
  static override summary = 'Drop and recreate all Prefect database tables.'
  static override description =
    "Drops what belongs to Prefect's revision chains (every table and enum type some revision creates) and this tool's log, then re-creates the head schema (from the baseline, in one transaction; --no-baseline: revision by revision). Other applications' tables in the same database are kept, rows and all, and named."
  static override aliases = ['orion:database:reset']
  static override deprecateAliases = true
  static override enableJsonFlag = true
  static override examples = ['<%= config.bin %> server database reset -y']
  static override flags = {
    yes: yesFlag(),
    'lock-timeout': lockTimeoutFlag(),
    backup: backupFlag(),
    baseline: baselineFlag('Re-create the head schema in one transaction (the baseline); --no-baseline applies every revision instead.'),
  }

  async run(): Promise<MigrationResult> {
    const {flags} = this
    const {target, prompt, hooks, settings} = await databaseContext(flags)
    const say = (line: string) => this.say(line)
    // What will be dropped, for the prompt (read only when there is a prompt to show).
    const preview = flags.yes ? undefined : await resetPreview(target, hooks)
    await confirmOrAbort(`Are you sure you want to reset the Prefect database located at "${target.displayUrl}"? ${preview ? resetWarning(preview) : ''}`.trim(), {
      yes: flags.yes, action: 'reset the database', prompt, aborted: 'Database reset aborted',
    })
    warnInMemoryWrite(target, 'reset')
    await backupBeforeDestruction(target, settings, flags, 'reset', {lockTimeoutSeconds: flags['lock-timeout']})
    const result = await reset(target, {
      ...hooks,
      lockTimeoutSeconds: flags['lock-timeout'],
      baseline: flags.baseline,
      onWait: printWarning,
      onPhase: (phase) => say(phase === 'drop' ? 'Downgrading database...' : 'Upgrading database...'),
      onStart: (step) => process.stderr.write(`${startLine(step)}\n`),
      onApplied: (applied) => say(appliedLine(applied)),
    })
    if (result.baseline) say(baselineLine(result.baseline))
    const kept = result.keptTables ?? []
    if (kept.length > 0) say(keptLine(kept))
    say(successLine(`Prefect database "${target.displayUrl}" reset!`))
    return result
  }
}

function tableList(tables: readonly string[]): string {
  return tables.length > 8 ? `${tables.slice(0, 8).join(', ')}, …` : tables.join(', ')
}

/** The prompt's account of what reset drops and keeps. */
function resetWarning({prefect, other}: {prefect: string[]; other: string[]}): string {
  const drop = prefect.length === 0 ? 'This will create the Prefect tables (there are none yet).' : `This will drop and recreate the ${prefect.length} Prefect table(s), rows and all.`
  return other.length === 0 ? drop : `${drop} ${other.length} other table(s) will be kept: ${tableList(other)}.`
}

function keptLine(kept: readonly string[]): string {
  return `Kept ${kept.length} table${kept.length === 1 ? '' : 's'} that ${kept.length === 1 ? 'is' : 'are'} not Prefect's: ${tableList(kept)}.`
}
