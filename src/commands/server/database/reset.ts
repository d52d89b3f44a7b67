import {Flags} from '@oclif/core'

import {BaseCommand} from '../../../base-command.js'
import {lockTimeoutFlag} from '../../../cli/migration-command.js'
import {confirmOrAbort, databaseContext} from '../../../migrator/cli-context.js'
import {reset} from '../../../migrator/index.js'
import {appliedLine, startLine} from '../../../migrator/report.js'
import type {MigrationResult} from '../../../migrator/types.js'
import {printWarning, successLine} from '../../../ui/output.js'

export default class DatabaseReset extends BaseCommand<typeof DatabaseReset> {
  static override summary = 'Drop and recreate all Prefect database tables.'
  static override description = 'Drops every table of the database (whatever created it), then upgrades to head.'
  static override enableJsonFlag = true
  static override examples = ['<%= config.bin %> server database reset -y']
  static override flags = {
    yes: Flags.boolean({char: 'y', allowNo: true, description: 'Do not ask for confirmation.', default: false}),
    'lock-timeout': lockTimeoutFlag(),
  }

  async run(): Promise<MigrationResult> {
    const {flags} = this
    const {target, prompt} = await databaseContext(flags.profile)
    const say = (line: string) => this.jsonEnabled() || process.stdout.write(`${line}\n`)
    await confirmOrAbort(`Are you sure you want to reset the Prefect database located at "${target.displayUrl}"? This will drop and recreate all tables.`, {
      yes: flags.yes, action: 'reset the database', prompt, aborted: 'Database reset aborted',
    })
    const result = await reset(target, {
      lockTimeoutSeconds: flags['lock-timeout'],
      onWait: printWarning,
      warn: printWarning,
      onPhase: (phase) => say(phase === 'drop' ? 'Downgrading database...' : 'Upgrading database...'),
      onStart: (step) => process.stderr.write(`${startLine(step)}\n`),
      onApplied: (applied) => say(appliedLine(applied)),
    })
    say(successLine(`Prefect database "${target.displayUrl}" reset!`))
    return result
  }
}
